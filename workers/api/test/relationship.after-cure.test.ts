/**
 * The relationship after a cure: the sweep plans light contact for each new cure (check-ins at 1 and 3
 * months, a lesson at 2), each contact is judged again when it falls due, and an opt-out stops all of
 * it. A cure drawn into an education experiment keeps its arm, and the effect report reads the arms.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepAfterCure } from '../src/relationship/after-cure-sweep';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { DAY, fireTimers, insertRows, simClock, timersOfCase } from './follow-ups.fixtures';

let f: FixtureTenant;
const db = () => env.DB;
/** Cured at 2030-01-10 11:00 in Shanghai. */
const CURED = Date.parse('2030-01-10T03:00:00Z');

const timersOf = (caseId: string) => timersOfCase(f.tenantId, caseId);

const cure = (caseId: string, at = CURED) =>
  db().prepare(`UPDATE cases SET status = 'cured', ended_at = ? WHERE id = ?`).bind(at, caseId).run();

beforeAll(async () => {
  f = await createFixtureTenant('aftercure');
  await cure(f.caseA);
  await db().prepare(`UPDATE customers SET language = 'zh-CN' WHERE id = ?`).bind(f.customerA).run();
});

describe('after a cure', () => {
  it('plans check-ins at 1 and 3 months and a lesson at 2, once, under the platform’s opt-out policy', async () => {
    const clock = simClock(CURED + 3_600_000);
    expect(await sweepAfterCure({ env, d1: env.DB }, clock.ports)).toBe(1);
    expect(await sweepAfterCure({ env, d1: env.DB }, clock.ports)).toBe(0);
    const timers = await timersOf(f.caseA);
    expect(timers.map((t) => [t.kind, new Date(t.due_at).toISOString(), JSON.parse(t.payload)])).toEqual([
      ['after_cure_check_in', '2030-02-10T02:00:00.000Z', { consent: 'opt-out', monthsAfterCure: 1 }],
      [
        'after_cure_lesson',
        '2030-03-10T02:00:00.000Z',
        { consent: 'opt-out', monthsAfterCure: 2, educationTopic: 'credit_report' },
      ],
      ['after_cure_check_in', '2030-04-10T02:00:00.000Z', { consent: 'opt-out', monthsAfterCure: 3 }],
    ]);
    const seen = await db()
      .prepare(
        `SELECT policy, consent, arm FROM after_cure_relationships WHERE tenant_id = ? AND case_id = ?`,
      )
      .bind(f.tenantId, f.caseA)
      .first();
    expect(seen).toEqual({ policy: 'post-cure-check-ins@1.0.0', consent: 'opt-out', arm: null });
  });

  it('sends the one-month check-in in the customer’s language, asking for nothing', async () => {
    const [first] = await timersOf(f.caseA);
    await fireTimers([first!.id], first!.due_at);
    const event = await db()
      .prepare(`SELECT data FROM outbound_events WHERE tenant_id = ? AND type = 'relationship.check_in_due'`)
      .bind(f.tenantId)
      .first<{ data: string }>();
    expect(JSON.parse(event!.data)).toMatchObject({ monthsAfterCure: 1, language: 'zh-CN' });
    expect(JSON.parse(event!.data).message).toContain('一个月');
  });

  it('stops every later contact once the customer opts out: no lesson, no check-in, each withheld and audited', async () => {
    const put = await call(f.keys.agent, 'PUT', `/v1/customers/${f.customerA}/relationship-preference`, {
      body: { choice: 'opted_out', channel: 'call', statedAt: new Date().toISOString() },
    });
    expect(put.status).toBe(200);
    const [, lesson, checkIn] = await timersOf(f.caseA);
    await fireTimers([lesson!.id], lesson!.due_at);
    await fireTimers([checkIn!.id], checkIn!.due_at);
    const after = await timersOf(f.caseA);
    expect(after.map((t) => [t.kind, t.state, t.result && JSON.parse(t.result).action])).toEqual([
      ['after_cure_check_in', 'done', 'send_check_in'],
      ['after_cure_lesson', 'cancelled', 'withhold_contact'],
      ['after_cure_check_in', 'cancelled', 'withhold_contact'],
    ]);
    const lessons = await db()
      .prepare(`SELECT COUNT(*) AS n FROM lesson_assignments WHERE tenant_id = ? AND customer_id = ?`)
      .bind(f.tenantId, f.customerA)
      .first<{ n: number }>();
    expect(lessons?.n).toBe(0);
    const events = await db()
      .prepare(`SELECT type FROM outbound_events WHERE tenant_id = ? AND case_id = ?`)
      .bind(f.tenantId, f.caseA)
      .all<{ type: string }>();
    expect(events.results.map((e) => e.type)).toEqual(['relationship.check_in_due']);
    const withheld = await db()
      .prepare(
        `SELECT reason FROM audit_log WHERE tenant_id = ? AND action = 'follow-up.withhold-contact' AND subject_id = ?`,
      )
      .bind(f.tenantId, f.caseA)
      .all<{ reason: string }>();
    expect(withheld.results).toHaveLength(2);
    expect(
      withheld.results.every((row) =>
        row.reason.startsWith('The customer opted out of lessons and check-ins'),
      ),
    ).toBe(true);
  });

  it('does not contact a customer who is behind again on another account', async () => {
    await cure(f.caseB);
    const clock = simClock(CURED + 3_600_000);
    expect(await sweepAfterCure({ env, d1: env.DB }, clock.ports)).toBe(1);
    await db().batch(
      insertRows(db(), 'cases', [
        {
          id: 'case_aftercure_again',
          tenant_id: f.tenantId,
          customer_id: f.customerB,
          account_id: 'acc_aftercure_other',
          status: 'open',
          bucket: 'M1',
          dpd: 5,
          overdue_total: 1000,
          overdue_at_open: 1000,
          currency: 'CNY',
          opened_at: CURED + 20 * DAY,
          updated_at: CURED + 20 * DAY,
        },
      ]),
    );
    const [first] = await timersOf(f.caseB);
    await fireTimers([first!.id], first!.due_at);
    const [after] = await timersOf(f.caseB);
    expect(after?.state).toBe('cancelled');
    expect(JSON.parse(after!.result!).reasons).toEqual([
      expect.objectContaining({ code: 'relationship.delinquent-again' }),
    ]);
  });
});

describe('an education experiment after the cure', () => {
  it('records each cure’s arm, withholds the lesson from the withheld arm, and reports the effect on re-default', async () => {
    const g = await createFixtureTenant('eduexp');
    const activated = await call(g.keys.admin, 'POST', '/v1/policy-set/versions', {
      body: {
        reason: 'measure the lesson',
        document: {
          version: 'with-education-experiment',
          screening: [{ id: 'weighted-risk' }],
          compliance: [],
          preparation: { id: 'standard-dossier' },
          repayment: { id: 'affordable-plan' },
          followUp: { id: 'willingness-ability' },
          relationship: {
            id: 'post-cure-check-ins',
            options: {
              lessonOffer: {
                lessonId: 'credit_report',
                afterMonths: 2,
                experiment: { id: 'edu-trial', withholdShare: 0.5 },
              },
            },
          },
        },
      },
    });
    expect(activated.status, await activated.clone().text()).toBe(201);
    // Forty cures of forty customers, a year before the report: long enough to be followed for 6 months.
    const curedAt = Date.now() - 365 * DAY;
    const cases = Array.from({ length: 40 }, (_, i) => ({
      id: `case_eduexp_${i}`,
      tenant_id: g.tenantId,
      customer_id: `cus_eduexp_${i}`,
      account_id: `acc_eduexp_${i}`,
      status: 'cured',
      bucket: 'M1',
      dpd: 0,
      overdue_total: 0,
      overdue_at_open: 1000,
      currency: 'CNY',
      opened_at: curedAt - 30 * DAY,
      ended_at: curedAt,
      updated_at: curedAt,
    }));
    await db().batch(insertRows(db(), 'cases', cases));
    expect(await sweepAfterCure({ env, d1: env.DB }, simClock(curedAt + 3_600_000).ports)).toBe(40);
    const arms = await db()
      .prepare(`SELECT case_id, arm, experiment_id FROM after_cure_relationships WHERE tenant_id = ?`)
      .bind(g.tenantId)
      .all<{ case_id: string; arm: string; experiment_id: string }>();
    expect(new Set(arms.results.map((r) => r.arm))).toEqual(new Set(['offered', 'withheld']));
    for (const { case_id, arm } of arms.results) {
      const kinds = (
        await db()
          .prepare(`SELECT kind FROM follow_up_timers WHERE case_id = ?`)
          .bind(case_id)
          .all<{ kind: string }>()
      ).results.map((t) => t.kind);
      expect(kinds.includes('after_cure_lesson'), `${case_id} ${arm}`).toBe(arm === 'offered');
    }
    // Every withheld customer falls behind again within 90 days, no offered one does.
    const withheld = arms.results.filter((r) => r.arm === 'withheld');
    await db().batch(
      insertRows(
        db(),
        'cases',
        withheld.map((r) => ({
          ...cases.find((c) => c.id === r.case_id)!,
          id: `${r.case_id}_again`,
          status: 'open',
          opened_at: curedAt + 40 * DAY,
          ended_at: null,
        })),
      ),
    );
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const report = await call(
      g.keys.analyst,
      'GET',
      `/v1/reports/education-effect?experimentId=edu-trial&from=${day(curedAt - DAY)}&to=${day(curedAt + DAY)}&window=3m`,
    );
    expect(report.status).toBe(200);
    const body = await report.json<{
      arms: Record<string, { observedCures: number; reDefaulted: number }>;
      difference: { estimate: number; upper: number };
    }>();
    expect(body.arms.withheld).toMatchObject({
      observedCures: withheld.length,
      reDefaulted: withheld.length,
    });
    expect(body.arms.offered).toMatchObject({ observedCures: 40 - withheld.length, reDefaulted: 0 });
    expect(body.difference.estimate).toBe(-1);
    expect(body.difference.upper).toBeLessThan(0);
  });
});
