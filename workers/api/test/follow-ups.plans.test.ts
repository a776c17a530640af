/**
 * Accepting a repayment plan puts its instalment reminders and checks on durable timers, through the
 * API on real D1: the due instants in the tenant's zone, once however often the accept is retried,
 * each timer acting once when the queue consumer fires it, and a cure or a new plan stopping them.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { consumerWith, DAY, deliver, simClock, timerStates } from './follow-ups.fixtures';
import { event, newSecret, signedFetch } from './intake.helpers';

const db = env.DB;

interface Plan {
  id: string;
  etag: string;
  instalments: { sequence: number; dueDate: string; dueAt: string }[];
}

/** The fixture case as a visit leaves it (`visited`), so accepting a plan starts its follow-up. */
async function visitedCase(tag: string): Promise<FixtureTenant> {
  const f = await createFixtureTenant(tag);
  await db.prepare(`UPDATE cases SET status = 'visited' WHERE id = ?`).bind(f.caseA).run();
  return f;
}

async function propose(f: FixtureTenant, monthly: number): Promise<Plan> {
  const response = await call(f.keys.agent, 'POST', `/v1/cases/${f.caseA}/repayment-plans`, {
    body: { monthlyAbilityToPay: { amountMinor: monthly, currency: 'CNY' }, preferredDayOfMonth: 15 },
  });
  expect(response.status).toBe(201);
  const plan = (await response.json()) as Omit<Plan, 'etag'>;
  return { ...plan, etag: response.headers.get('ETag') ?? '' };
}

/** Agreed on a call, after the agent introduced themselves and confirmed they spoke to the customer. */
const ACCEPTED_ON_A_CALL = {
  channel: 'call',
  checklist: ['state_name_and_bank', 'confirm_right_party', 'state_purpose'].map((item) => ({
    item,
    confirmed: true,
  })),
};

const accept = (f: FixtureTenant, plan: Plan, idempotencyKey: string) =>
  call(f.keys.agent, 'POST', `/v1/repayment-plans/${plan.id}/accept`, {
    body: ACCEPTED_ON_A_CALL,
    headers: { 'If-Match': plan.etag, 'Idempotency-Key': idempotencyKey },
  });

/** 10:00 in Shanghai (the fixture tenant's zone, UTC+8 all year) `days` from a local date. */
const shanghaiTen = (date: string, days: number) => Date.parse(`${date}T10:00:00+08:00`) + days * DAY;

const timerMessage = (tenantId: string, timerId: string) =>
  ({ type: 'timer.due', v: 1, tenantId, timerId }) as const;

const count = async (sql: string, ...params: unknown[]) =>
  (await db
    .prepare(sql)
    .bind(...params)
    .first<{ n: number }>()) ?? { n: -1 };

describe('accepting a repayment plan', () => {
  it('schedules a reminder before and a check after each instalment, in the tenant zone, once', async () => {
    const f = await visitedCase('planacc');
    const plan = await propose(f, 100_000);
    expect(plan.instalments.length).toBeGreaterThan(1);

    const first = await accept(f, plan, 'accept-once');
    expect(first.status).toBe(200);
    const replay = await accept(f, plan, 'accept-once');
    expect(replay.status).toBe(200);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    const again = await accept(f, plan, 'accept-twice');
    expect(again.status).toBe(412);

    const timers = await timerStates(db, f.tenantId);
    const expected = plan.instalments
      .flatMap((i) => [
        { kind: 'instalment_reminder', state: 'pending', due_at: shanghaiTen(i.dueDate, -3) },
        { kind: 'instalment_check', state: 'pending', due_at: shanghaiTen(i.dueDate, 1) },
      ])
      .sort((a, b) => a.due_at - b.due_at);
    expect(timers.map(({ kind, state, due_at }) => ({ kind, state, due_at }))).toEqual(expected);
    for (const i of plan.instalments) expect(Date.parse(i.dueAt)).toBeLessThan(shanghaiTen(i.dueDate, 1));

    const listed = await call(f.keys.supervisor, 'GET', `/v1/cases/${f.caseA}/follow-ups`);
    const items = ((await listed.json()) as { items: { kind: string; reason: { code: string } }[] }).items;
    expect(items.map((i) => i.reason.code)).toEqual(
      expected.map((e) => (e.kind === 'instalment_reminder' ? 'instalment.reminder' : 'instalment.check')),
    );
    expect(
      await db.prepare(`SELECT status FROM cases WHERE id = ?`).bind(f.caseA).first<{ status: string }>(),
    ).toEqual({ status: 'in_follow_up' });
    const audit = await db
      .prepare(`SELECT data FROM audit_log WHERE tenant_id = ? AND action = 'repayment-plan.accepted'`)
      .bind(f.tenantId)
      .all<{ data: string }>();
    expect(audit.results).toHaveLength(1);
    expect(JSON.parse(audit.results[0]?.data ?? '{}')).toMatchObject({
      reasons: [{ code: 'plan.accepted', data: { instalments: plan.instalments.length } }],
    });
  });

  it('reminds once when the reminder fires, however often it is delivered, and a curing payment cancels the rest', async () => {
    const f = await visitedCase('planfire');
    const plan = await propose(f, 100_000);
    expect((await accept(f, plan, 'accept')).status).toBe(200);
    const [reminder] = await timerStates(db, f.tenantId);
    expect(reminder?.kind).toBe('instalment_reminder');
    const firesAt = reminder?.due_at ?? 0;
    const clock = simClock(firesAt);
    const consumer = consumerWith(clock.ports);
    const message = timerMessage(f.tenantId, reminder?.id ?? '');
    expect(await deliver(consumer, env, [message, message], firesAt)).toEqual({ acked: 2, retried: [] });
    expect(await deliver(consumer, env, [message], firesAt + 60_000)).toEqual({ acked: 1, retried: [] });

    const events = await db
      // Follow-up events only: the plan's acceptance also told core banking (`plan.accepted`).
      .prepare(`SELECT type, data FROM outbound_events WHERE tenant_id = ? AND source_id = ?`)
      .bind(f.tenantId, reminder?.id ?? '')
      .all<{ type: string; data: string }>();
    expect(events.results.map((e) => e.type)).toEqual(['instalment.reminder_due']);
    expect(JSON.parse(events.results[0]?.data ?? '{}')).toMatchObject({
      planId: plan.id,
      sequence: 1,
      dueDate: plan.instalments[0]?.dueDate,
    });
    const afterFiring = await timerStates(db, f.tenantId);
    expect(afterFiring.filter((t) => t.state === 'done').map((t) => t.id)).toEqual([reminder?.id]);

    // Core banking reports a payment of the whole overdue amount: the case is cured.
    const secret = newSecret();
    await db
      .prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 0)')
      .bind(`isec_${f.tenantId}`, f.tenantId, secret)
      .run();
    const paidAt = new Date().toISOString();
    const cured = await signedFetch('/v1/intake/events', {
      tenantId: f.tenantId,
      secrets: [secret],
      body: JSON.stringify([
        event('payment.received', paidAt, {
          paymentRef: 'P-cure',
          accountRef: f.customerA.replace('cus_', 'acc_'),
          amountMinor: 320_000,
          currency: 'CNY',
          paidAt,
        }),
      ]),
    });
    expect(cured.status).toBe(200);
    expect(
      await db.prepare(`SELECT status FROM cases WHERE id = ?`).bind(f.caseA).first<{ status: string }>(),
    ).toEqual({ status: 'cured' });
    const afterCure = await timerStates(db, f.tenantId);
    expect(afterCure.map((t) => t.state)).toEqual(['done', ...afterCure.slice(1).map(() => 'cancelled')]);
  });

  it('breaks the plan when the check finds an instalment unpaid, and sends the case back to screening', async () => {
    const f = await visitedCase('planmiss');
    const plan = await propose(f, 100_000);
    expect((await accept(f, plan, 'accept')).status).toBe(200);
    const check = (await timerStates(db, f.tenantId)).find((t) => t.kind === 'instalment_check');
    const firesAt = check?.due_at ?? 0;
    const consumer = consumerWith(simClock(firesAt).ports);
    expect(await deliver(consumer, env, [timerMessage(f.tenantId, check?.id ?? '')], firesAt)).toEqual({
      acked: 1,
      retried: [],
    });

    expect(await db.prepare(`SELECT status FROM repayment_plans WHERE id = ?`).bind(plan.id).first()).toEqual(
      { status: 'broken' },
    );
    expect(await db.prepare(`SELECT status FROM cases WHERE id = ?`).bind(f.caseA).first()).toEqual({
      status: 'screened',
    });
    const states = await timerStates(db, f.tenantId);
    expect(states.filter((t) => t.state !== 'cancelled').map((t) => `${t.kind} ${t.state}`)).toEqual([
      'instalment_check done',
    ]);
    expect(
      await count(
        `SELECT count(*) AS n FROM outbound_events WHERE tenant_id = ? AND type IN ('instalment.missed', 'plan.broken')`,
        f.tenantId,
      ),
    ).toEqual({ n: 2 });
  });

  it('supersedes the plan accepted before and cancels its pending timers', async () => {
    const f = await visitedCase('planswap');
    const older = await propose(f, 100_000);
    expect((await accept(f, older, 'accept-older')).status).toBe(200);
    const newer = await propose(f, 80_000);
    expect((await accept(f, newer, 'accept-newer')).status).toBe(200);

    const plans = await db
      .prepare(`SELECT id, status, version FROM repayment_plans WHERE tenant_id = ? ORDER BY proposed_at, id`)
      .bind(f.tenantId)
      .all();
    expect(plans.results).toEqual([
      { id: older.id, status: 'superseded', version: 3 },
      { id: newer.id, status: 'accepted', version: 2 },
    ]);
    const byPlan = await db
      .prepare(
        `SELECT json_extract(payload, '$.planId') AS plan, state, count(*) AS n FROM follow_up_timers
         WHERE tenant_id = ? GROUP BY plan, state ORDER BY plan = ?`,
      )
      .bind(f.tenantId, newer.id)
      .all();
    expect(byPlan.results).toEqual([
      { plan: older.id, state: 'cancelled', n: 2 * older.instalments.length },
      { plan: newer.id, state: 'pending', n: 2 * newer.instalments.length },
    ]);
  });

  it('of two plans accepted at the same moment one wins; the other is told to retry (412), never both accepted', async () => {
    const f = await visitedCase('planrace');
    const one = await propose(f, 100_000);
    const two = await propose(f, 80_000);
    const answers = await Promise.all([accept(f, one, 'race-one'), accept(f, two, 'race-two')]);
    const statuses = answers.map((answer) => answer.status);
    // Either both read "no other accepted plan" and the guard turned one away, or one ran after the other.
    const accepted = await count(
      `SELECT count(*) AS n FROM repayment_plans WHERE tenant_id = ? AND status = 'accepted'`,
      f.tenantId,
    );
    expect(accepted.n).toBe(1);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    for (const status of statuses) expect([200, 412]).toContain(status);
  });
});
