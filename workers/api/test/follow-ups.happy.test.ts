import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  cancelPendingFollowUps,
  rescheduleFollowUp,
  scheduleFollowUpStatements,
} from '../src/follow-ups/schedule';
import { sweepDueTimers } from '../src/follow-ups/sweep';
import { SWEEP_SQL } from '../src/follow-ups/sweep-sql';
import { randomId } from '../src/ports/runtime';
import {
  casesWithCustomers,
  consumerWith,
  DAY,
  decision,
  deliver,
  HOUR,
  insertRows,
  paymentRow,
  simClock,
  simTiming,
  T0,
  tenantRow,
  timerStates,
} from './follow-ups.fixtures';

const db = env.DB;

describe('follow-up timers', () => {
  it('acts on every kind of follow-up once, as the engine decides, and announces each action', async () => {
    const tenant = randomId('ten');
    const id = (name: string) => `case_${name}_${tenant}`;
    const due = T0 + 2 * DAY + 10 * HOUR;
    const plan = randomId('plan');
    const promise = randomId('ptp');
    await db.batch([
      ...insertRows(db, 'tenants', [tenantRow(tenant)]),
      ...casesWithCustomers(
        db,
        tenant,
        ['revisit', 'hardship', 'escalate', 'educate', 'promise', 'plan', 'restructure'].map(id),
      ),
      db.prepare(`UPDATE customers SET language = 'en' WHERE id = ?`).bind(`cus_${id('educate')}`),
      ...insertRows(db, 'promises', [
        {
          id: promise,
          tenant_id: tenant,
          case_id: id('promise'),
          amount: 50_000,
          currency: 'CNY',
          promised_date: '2030-01-08',
          due_at: T0 + 2 * DAY,
          status: 'open',
          created_at: T0 - DAY,
        },
      ]),
      ...insertRows(db, 'repayment_plans', [
        {
          id: plan,
          tenant_id: tenant,
          case_id: id('plan'),
          status: 'accepted',
          total: 20_000,
          currency: 'CNY',
          term_months: 2,
          reasons: '[]',
          proposed_at: T0 - DAY,
          accepted_at: T0 - DAY,
        },
      ]),
      ...insertRows(db, 'instalments', [
        {
          plan_id: plan,
          seq: 1,
          tenant_id: tenant,
          due_date: '2030-01-08',
          due_at: T0 + 2 * DAY,
          amount: 10_000,
          status: 'pending',
        },
        {
          plan_id: plan,
          seq: 2,
          tenant_id: tenant,
          due_date: '2030-02-08',
          due_at: T0 + 33 * DAY,
          amount: 10_000,
          status: 'pending',
        },
      ]),
      // 300 + 200 CNY towards the promise by the end of the promised day (Shanghai), nothing towards the plan.
      ...insertRows(db, 'payments', [
        paymentRow(tenant, id('promise'), 30_000, T0 + DAY),
        paymentRow(tenant, id('promise'), 20_000, T0 + 2 * DAY - 1),
      ]),
    ]);
    const schedules = [
      scheduleFollowUpStatements(db, {
        tenantId: tenant,
        caseId: id('revisit'),
        decisions: [decision(id('revisit'), 'revisit', due)],
        now: T0,
      }),
      scheduleFollowUpStatements(db, {
        tenantId: tenant,
        caseId: id('hardship'),
        decisions: [decision(id('hardship'), 'hardship_review', due)],
        now: T0,
      }),
      scheduleFollowUpStatements(db, {
        tenantId: tenant,
        caseId: id('escalate'),
        decisions: [decision(id('escalate'), 'escalation', due)],
        now: T0,
      }),
      scheduleFollowUpStatements(db, {
        tenantId: tenant,
        caseId: id('educate'),
        decisions: [decision(id('educate'), 'education', due, 'budgeting')],
        now: T0,
      }),
      scheduleFollowUpStatements(db, {
        tenantId: tenant,
        caseId: id('restructure'),
        decisions: [decision(id('restructure'), 'restructure_plan', due)],
        now: T0,
      }),
      scheduleFollowUpStatements(db, {
        tenantId: tenant,
        caseId: id('promise'),
        decisions: [decision(id('promise'), 'promise_check', due)],
        refs: { promiseId: promise },
        now: T0,
      }),
      scheduleFollowUpStatements(db, {
        tenantId: tenant,
        caseId: id('plan'),
        decisions: [
          decision(id('plan'), 'instalment_check', due),
          decision(id('plan'), 'instalment_reminder', T0 + 30 * DAY),
          decision(id('plan'), 'instalment_check', T0 + 34 * DAY),
        ],
        refs: { planId: plan },
        now: T0,
      }),
    ];
    await db.batch(schedules.flatMap((s) => (s.ok ? s.statements : [])));
    expect(schedules.every((s) => s.ok)).toBe(true);

    const clock = simClock(T0 + 2 * DAY);
    const swept = await sweepDueTimers({ env, d1: env.DB }, clock.ports, simTiming);
    expect(swept.timerMessages).toHaveLength(7);
    expect(swept.timerMessages.every((m) => m.delaySeconds === 10 * 3600)).toBe(true);
    clock.set(due);
    const result = await deliver(
      consumerWith(clock.ports),
      env,
      swept.timerMessages.map((m) => m.body),
      due,
    );
    expect(result).toEqual({ acked: 7, retried: [] });

    const timers = await timerStates(db, tenant);
    expect(timers.map((t) => `${t.kind} ${t.state}`).sort()).toEqual([
      'education done',
      'escalation done',
      'hardship_review done',
      'instalment_check cancelled',
      'instalment_check done',
      'instalment_reminder cancelled',
      'promise_check done',
      'restructure_plan done',
      'revisit done',
    ]);
    const visits = await db
      .prepare(`SELECT case_id, purpose, status FROM visits WHERE tenant_id = ? ORDER BY purpose`)
      .bind(tenant)
      .all();
    expect(visits.results).toEqual([
      { case_id: id('hardship'), purpose: 'hardship_review', status: 'requested' },
      { case_id: id('revisit'), purpose: 'understand_situation', status: 'requested' },
    ]);
    const cases = await db
      .prepare(`SELECT id, status FROM cases WHERE tenant_id = ? AND status <> 'in_follow_up' ORDER BY id`)
      .bind(tenant)
      .all();
    expect(cases.results).toEqual([
      { id: id('escalate'), status: 'escalated' },
      { id: id('plan'), status: 'screened' },
    ]);
    expect(await db.prepare(`SELECT status, paid FROM promises WHERE id = ?`).bind(promise).first()).toEqual({
      status: 'kept',
      paid: 50_000,
    });
    expect(await db.prepare(`SELECT status FROM repayment_plans WHERE id = ?`).bind(plan).first()).toEqual({
      status: 'broken',
    });
    const instalments = await db
      .prepare(`SELECT seq, status FROM instalments WHERE plan_id = ? ORDER BY seq`)
      .bind(plan)
      .all();
    expect(instalments.results).toEqual([
      { seq: 1, status: 'missed' },
      { seq: 2, status: 'pending' },
    ]);
    expect(
      await db
        .prepare(`SELECT lesson_id, language, source FROM lesson_assignments WHERE tenant_id = ?`)
        .bind(tenant)
        .all(),
    ).toMatchObject({
      results: [{ lesson_id: 'budgeting', language: 'en', source: 'follow-up' }],
    });
    const events = await db
      .prepare(`SELECT type FROM outbound_events WHERE tenant_id = ? ORDER BY type`)
      .bind(tenant)
      .all<{ type: string }>();
    expect(events.results.map((e) => e.type)).toEqual([
      'case.escalated',
      'education.assigned',
      'follow_up.hardship_review_requested',
      'follow_up.restructure_requested',
      'follow_up.revisit_requested',
      'instalment.missed',
      'plan.broken',
      'promise.kept',
    ]);
    // Each action is audited as the system's decision on the case, with the engine's reasons.
    const audits = await db
      .prepare(
        `SELECT action, subject_id, reason FROM audit_log WHERE tenant_id = ? AND actor_role = 'system' ORDER BY action`,
      )
      .bind(tenant)
      .all<{ action: string; subject_id: string; reason: string }>();
    expect(audits.results.map((row) => row.action)).toEqual([
      'follow-up.assign-education',
      'follow-up.escalate',
      'follow-up.request-restructure',
      'follow-up.request-visit',
      'follow-up.request-visit',
      'follow-up.settle-instalments',
      'follow-up.settle-promise',
    ]);
    expect(audits.results.every((row) => row.reason.length > 0)).toBe(true);
  });

  it('schedules a re-decided follow-up once, and cancels and reschedules timers that have not started', async () => {
    const tenant = randomId('ten');
    const caseId = `case_${tenant}`;
    await db.batch([
      ...insertRows(db, 'tenants', [tenantRow(tenant)]),
      ...casesWithCustomers(db, tenant, [caseId]),
    ]);
    const schedule = () =>
      scheduleFollowUpStatements(db, {
        tenantId: tenant,
        caseId,
        decisions: [
          decision(caseId, 'revisit', T0 + DAY),
          decision(caseId, 'education', T0 + 2 * DAY, 'budgeting'),
        ],
        now: T0,
      });
    for (const attempt of [schedule(), schedule()]) if (attempt.ok) await db.batch(attempt.statements);
    const [revisit] = await timerStates(db, tenant);
    expect((await timerStates(db, tenant)).map((t) => t.state)).toEqual(['pending', 'pending']);

    const moved = await rescheduleFollowUp(db, tenant, revisit?.id ?? '', {
      dueAt: T0 + 5 * DAY,
      now: T0,
    }).run();
    expect(moved.meta.changes).toBe(1);
    const cancelled = await cancelPendingFollowUps(db, tenant, caseId, { now: T0 }).run();
    expect(cancelled.meta.changes).toBe(2);
    expect(await timerStates(db, tenant)).toMatchObject([
      { kind: 'education', state: 'cancelled' },
      { kind: 'revisit', state: 'cancelled', due_at: T0 + 5 * DAY },
    ]);
    const again = await rescheduleFollowUp(db, tenant, revisit?.id ?? '', {
      dueAt: T0 + 6 * DAY,
      now: T0,
    }).run();
    expect(again.meta.changes).toBe(0);
  });
});

describe('sweep queries', () => {
  it.each(Object.entries(SWEEP_SQL))('%s is an index range scan', async (_name, sql) => {
    const plan = await db.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(T0, 100).all<{ detail: string }>();
    const [scan, ...rest] = plan.results.map((r) => r.detail);
    expect(scan).toMatch(/^SEARCH \w+ USING INDEX (timers_sweep_idx|deliveries_due_idx) /);
    // Besides, only the list of tenants fenced for a move (a handful of rows, read once per statement).
    expect(rest.filter((line) => !/shard_fences|SUBQUERY/.test(line))).toEqual([]);
  });
});
