/**
 * Lessons assigned by the follow-up policy: a visit outcome reporting an irregular income schedules
 * the budgeting lesson, which is assigned in the customer's language when its timer fires; a customer
 * who asked that contact cease gets none: compliance suppresses it when it fires, audited with the rule.
 */
import { env } from 'cloudflare:test';
import type { FollowUp } from '@doorstep/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduleFollowUpStatements } from '../src/follow-ups/schedule';
import { randomId } from '../src/ports/runtime';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { fireTimers, timersOfCase } from './follow-ups.fixtures';

let f: FixtureTenant;
const db = () => env.DB;

const timersOf = (caseId: string) => timersOfCase(f.tenantId, caseId);

beforeAll(async () => {
  f = await createFixtureTenant('eduflow');
  await db().prepare(`UPDATE customers SET language = 'en-GB' WHERE id = ?`).bind(f.customerA).run();
});

describe('a lesson chosen by the follow-up policy', () => {
  it('an outcome with hardship "irregular income" assigns the budgeting lesson in the customer’s language', async () => {
    const read = await call(f.keys.agent, 'GET', `/v1/visits/${f.visitA1}`);
    const recorded = await call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/outcome`, {
      body: {
        contactResult: 'customer_met',
        checklist: [
          { item: 'show_staff_id', confirmed: true },
          { item: 'state_purpose', confirmed: true },
        ],
        hardshipReasons: ['irregular_income'],
        willingness: 4,
        monthlyAbilityToPay: { amountMinor: 10_000, currency: 'CNY' },
        satisfaction: 4,
        notes: 'Drives for a delivery platform; pay varies week to week.',
      },
      headers: { 'If-Match': read.headers.get('ETag')! },
    });
    expect(recorded.status, await recorded.clone().text()).toBe(200);

    const education = (await timersOf(f.caseA)).filter((t) => t.kind === 'education');
    expect(education.map((t) => JSON.parse(t.payload).educationTopic)).toEqual([
      'budgeting',
      'debt_priorities',
    ]);
    const [budgeting] = education;
    await fireTimers([budgeting!.id], budgeting!.due_at);

    const lessons = await db()
      .prepare(
        `SELECT lesson_id, lesson_version, language, jurisdiction, source, source_id, case_id FROM lesson_assignments WHERE tenant_id = ? AND customer_id = ?`,
      )
      .bind(f.tenantId, f.customerA)
      .all();
    expect(lessons.results).toEqual([
      {
        lesson_id: 'budgeting',
        lesson_version: 1,
        language: 'en',
        jurisdiction: 'cn',
        source: 'follow-up',
        source_id: budgeting!.id,
        case_id: f.caseA,
      },
    ]);
    const shown = await (await call(f.keys.agent, 'GET', `/v1/customers/${f.customerA}/lessons`)).json<{
      items: { id: string; language: string }[];
    }>();
    const lesson = await (
      await call(f.keys.agent, 'GET', `/v1/lesson-assignments/${shown.items[0]!.id}`)
    ).json<{
      lesson: { title: string };
    }>();
    expect(lesson.lesson.title).toBe('Budgeting when your income changes from month to month');
    const event = await db()
      .prepare(
        `SELECT data FROM outbound_events WHERE tenant_id = ? AND type = 'education.assigned' AND source_id = ?`,
      )
      .bind(f.tenantId, budgeting!.id)
      .first<{ data: string }>();
    expect(JSON.parse(event!.data)).toMatchObject({ lessonId: 'budgeting', language: 'en' });
    const audit = await db()
      .prepare(
        `SELECT actor_role, reason FROM audit_log WHERE tenant_id = ? AND action = 'follow-up.assign-education'`,
      )
      .bind(f.tenantId)
      .all<{ actor_role: string; reason: string }>();
    expect(audit.results).toEqual([
      { actor_role: 'system', reason: expect.stringContaining('budgeting v1 assigned in en') },
    ]);
  });

  it('gives a cease-contact customer no lesson: compliance suppresses the timer, audited with the rule, nothing announced', async () => {
    await db()
      .prepare(`UPDATE customers SET flags = '{"ceaseContact":true}' WHERE id = ?`)
      .bind(f.customerB)
      .run();
    const due = Date.parse('2030-03-04T02:00:00Z');
    const decision: FollowUp = {
      id: randomId('fu') as FollowUp['id'],
      caseId: f.caseB as FollowUp['caseId'],
      kind: 'education',
      dueAt: new Date(due).toISOString(),
      educationTopic: 'fraud_awareness',
      reason: { code: 'education.module', data: { topic: 'fraud_awareness' }, message: 'lesson' },
    };
    const scheduled = scheduleFollowUpStatements(db(), {
      tenantId: f.tenantId,
      caseId: f.caseB,
      decisions: [decision],
      now: due - 86_400_000,
    });
    if (!scheduled.ok) throw new Error(scheduled.problem.code);
    await db().batch(scheduled.statements);
    const [timer] = (await timersOf(f.caseB)).filter((t) => t.kind === 'education');
    await fireTimers([timer!.id], due);

    const after = (await timersOf(f.caseB)).find((t) => t.id === timer!.id);
    expect(after?.state).toBe('suppressed');
    expect(JSON.parse(after!.result!)).toMatchObject({ action: 'suppressed', rule: 'cease-contact' });
    const count = async (sql: string) =>
      (await db().prepare(sql).bind(f.tenantId, f.customerB).first<{ n: number }>())?.n;
    expect(
      await count('SELECT COUNT(*) AS n FROM lesson_assignments WHERE tenant_id = ? AND customer_id = ?'),
    ).toBe(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM outbound_events WHERE tenant_id = ? AND case_id IN (SELECT id FROM cases WHERE customer_id = ?)`,
      ),
    ).toBe(0);
    const audit = await db()
      .prepare(
        `SELECT actor_role, reason FROM audit_log WHERE tenant_id = ? AND action = 'follow-up.suppressed' AND subject_id = ?`,
      )
      .bind(f.tenantId, f.caseB)
      .all();
    expect(audit.results).toEqual([
      { actor_role: 'system', reason: expect.stringContaining('The customer has asked that contact cease') },
    ]);
  });
});
