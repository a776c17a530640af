/**
 * Compliance at fire time, through the real `timer.due` and `webhook.deliver` handlers on local D1 and
 * Queues: a follow-up or an event is judged on the customer as they are when it fires, not when it
 * was scheduled; a barred one is suppressed with its rule and audited, writes nothing and announces
 * nothing; a lifted flag lets later work act; nothing suppressed is taken later.
 */
import { env } from 'cloudflare:test';
import { FOLLOW_UP_STANCES, type FollowUpKind, FollowUpKindSchema } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { scheduleFollowUpStatements } from '../src/follow-ups/schedule';
import { sweepDueTimers } from '../src/follow-ups/sweep';
import { randomId } from '../src/ports/runtime';
import { createWebhookDeliveryHandler } from '../src/webhooks/deliver-job';
import { redeliverWebhook } from '../src/webhooks/redeliver';
import type { WebhookSender } from '../src/webhooks/sender';
import { call, createFixtureTenant } from './fixtures/tenant';
import {
  announced,
  beforeBatches,
  caseRow,
  consumerWith,
  customerRow,
  DAY,
  decision,
  deliver,
  HOUR,
  insertRows,
  simClock,
  simTiming,
  subscriptionRow,
  T0,
  tenantRow,
  timerStates,
} from './follow-ups.fixtures';

const db = env.DB;
/** Every kind there is: a new one is judged here by the stance it must declare. */
const KINDS: readonly FollowUpKind[] = FollowUpKindSchema.options;
const SUPPORTIVE = KINDS.filter((kind) => FOLLOW_UP_STANCES[kind].purpose === 'supportive');
const due = T0 + 2 * DAY + 10 * HOUR;

/**
 * A CN tenant subscribed to every event, with one case per follow-up kind whose customer has `flags`,
 * each with its timer due at `due` (the promise and the plan the checks need included).
 */
async function world(flags: Record<string, unknown>, kinds: readonly FollowUpKind[] = KINDS) {
  const tenant = randomId('ten');
  const caseOf = (kind: string) => `case_${kind}_${tenant}`;
  const promise = randomId('ptp');
  const plan = randomId('plan');
  const schedules = kinds.map((kind) =>
    scheduleFollowUpStatements(db, {
      tenantId: tenant,
      caseId: caseOf(kind),
      decisions: [
        decision(
          caseOf(kind),
          kind,
          kind === 'instalment_reminder' ? due - DAY : due,
          kind === 'education' ? 'budgeting' : null,
        ),
      ],
      refs: { promiseId: promise, planId: plan },
      now: T0,
    }),
  );
  await db.batch([
    ...insertRows(db, 'tenants', [tenantRow(tenant)]),
    ...insertRows(
      db,
      'customers',
      kinds.map((kind) => customerRow(tenant, caseOf(kind), flags)),
    ),
    ...insertRows(
      db,
      'cases',
      // Contact after a cure acts only on a cured case.
      kinds.map((kind) =>
        caseRow(tenant, caseOf(kind), kind.startsWith('after_cure') ? 'cured' : 'in_follow_up'),
      ),
    ),
    ...insertRows(db, 'promises', [
      {
        id: promise,
        tenant_id: tenant,
        case_id: caseOf('promise_check'),
        amount: 50_000,
        currency: 'CNY',
        promised_date: '2030-01-08',
        due_at: T0 + 2 * DAY,
        status: 'open',
        created_at: T0 - DAY,
      },
    ]),
    ...insertRows(
      db,
      'repayment_plans',
      ['instalment_reminder', 'instalment_check'].map((kind, i) => ({
        id: i === 0 ? `${plan}_r` : plan,
        tenant_id: tenant,
        case_id: caseOf(kind),
        status: 'accepted',
        total: 20_000,
        currency: 'CNY',
        term_months: 2,
        reasons: '[]',
        proposed_at: T0 - DAY,
        accepted_at: T0 - DAY,
      })),
    ),
    ...insertRows(
      db,
      'instalments',
      [1, 2].map((seq) => ({
        plan_id: plan,
        seq,
        tenant_id: tenant,
        due_date: seq === 1 ? '2030-01-08' : '2030-02-08',
        due_at: seq === 1 ? T0 + 2 * DAY : T0 + 33 * DAY,
        amount: 10_000,
        status: 'pending',
      })),
    ),
    ...insertRows(db, 'webhook_subscriptions', [subscriptionRow(tenant)]),
    ...schedules.flatMap((s) => (s.ok ? s.statements : [])),
  ]);
  // The reminder's plan: the check's plan under another id, so each case reads its own.
  await db
    .prepare(
      `INSERT INTO instalments (plan_id, seq, tenant_id, due_date, due_at, amount, status)
       SELECT plan_id || '_r', seq, tenant_id, due_date, due_at, amount, status FROM instalments WHERE plan_id = ?`,
    )
    .bind(plan)
    .run();
  await db
    .prepare(
      `UPDATE follow_up_timers SET payload = json_set(payload, '$.planId', ?) WHERE tenant_id = ? AND kind = 'instalment_reminder'`,
    )
    .bind(`${plan}_r`, tenant)
    .run();
  return { tenant, caseOf, promise, plan };
}

/** Sweeps and consumes what is due at `at`, as the cron and the queue would. */
async function fire(at: number, options: { db?: D1Database } = {}) {
  const clock = simClock(at - 12 * HOUR);
  const swept = await sweepDueTimers({ env, d1: env.DB }, clock.ports, simTiming);
  clock.set(at);
  const target = options.db ? { ...env, DB: options.db } : env;
  return deliver(
    consumerWith(clock.ports),
    target,
    swept.timerMessages.map((m) => m.body),
    at,
  );
}

const rows = async <T>(sql: string, ...binds: unknown[]) =>
  (
    await db
      .prepare(sql)
      .bind(...binds)
      .all<T>()
  ).results;

const setFlags = (tenant: string, caseId: string, flags: Record<string, unknown>) =>
  db
    .prepare(`UPDATE customers SET flags = ?, version = version + 1 WHERE id = ? AND tenant_id = ?`)
    .bind(JSON.stringify(flags), `cus_${caseId}`, tenant)
    .run();

describe('follow-ups ask compliance when they fire', () => {
  it('a barring flag suppresses every kind: the timer ends suppressed under the rule, audited as the system’s decision, nothing written or announced', async () => {
    const { tenant, promise, plan } = await world({ bankruptcy: true });
    await fire(due - DAY);
    await fire(due);

    const timers = await timerStates(db, tenant);
    expect(timers.map((t) => `${t.kind} ${t.state}`).sort()).toEqual(
      KINDS.map((k) => `${k} suppressed`).sort(),
    );
    for (const t of timers)
      expect(JSON.parse(t.result ?? '{}')).toMatchObject({
        action: 'suppressed',
        rule: 'bankruptcy',
        vetoes: [{ rule: 'bankruptcy', code: 'customer.bankruptcy', overridable: false }],
        reasons: [{ code: 'compliance.suppressed', data: { kind: t.kind, rule: 'bankruptcy' } }],
      });
    const audits = await rows<{ action: string; actor_role: string; reason: string; data: string }>(
      `SELECT action, actor_role, reason, data FROM audit_log WHERE tenant_id = ?`,
      tenant,
    );
    expect(audits).toHaveLength(KINDS.length);
    for (const audit of audits) {
      expect(audit).toMatchObject({ action: 'follow-up.suppressed', actor_role: 'system' });
      expect(audit.reason).toContain('Bankruptcy stay');
      expect(JSON.parse(audit.data)).toMatchObject({ rule: 'bankruptcy' });
    }
    expect(await rows(`SELECT id FROM outbound_events WHERE tenant_id = ?`, tenant)).toEqual([]);
    expect(await rows(`SELECT id FROM webhook_deliveries WHERE tenant_id = ?`, tenant)).toEqual([]);
    expect(await rows(`SELECT id FROM visits WHERE tenant_id = ?`, tenant)).toEqual([]);
    expect(await rows(`SELECT lesson_id FROM lesson_assignments WHERE tenant_id = ?`, tenant)).toEqual([]);
    expect(
      // Only the contacts after a cure run on cured cases; no case moved.
      await rows(
        `SELECT id FROM cases WHERE tenant_id = ? AND status NOT IN ('in_follow_up', 'cured')`,
        tenant,
      ),
    ).toEqual([]);
    // What the barred checks would have settled is closed, so no later timer takes it up.
    expect(await rows(`SELECT status FROM promises WHERE id = ?`, promise)).toEqual([
      { status: 'cancelled' },
    ]);
    expect(await rows(`SELECT seq, status FROM instalments WHERE plan_id = ? ORDER BY seq`, plan)).toEqual([
      { seq: 1, status: 'suspended' },
      { seq: 2, status: 'pending' },
    ]);
  });

  it('a vulnerable customer, or one in a hardship pause, gets education and a check-in call but no collection', async () => {
    for (const setUp of ['vulnerable', 'paused'] as const) {
      const { tenant, caseOf } = await world(
        setUp === 'vulnerable' ? { vulnerability: { kind: 'bereavement' } } : {},
      );
      if (setUp === 'paused')
        await db.batch(
          KINDS.map((kind) =>
            db
              .prepare(
                `INSERT INTO follow_up_pauses (id, tenant_id, customer_id, case_id, visit_id, reasons, starts_at, ends_at, created_at)
                 VALUES (?, ?, ?, ?, ?, '["job_loss"]', ?, ?, ?)`,
              )
              .bind(
                randomId('pau'),
                tenant,
                `cus_${caseOf(kind)}`,
                caseOf(kind),
                randomId('vis'),
                T0,
                T0 + 30 * DAY,
                T0,
              ),
          ),
        );
      await fire(due - DAY);
      await fire(due);
      const states = Object.fromEntries((await timerStates(db, tenant)).map((t) => [t.kind, t.state]));
      expect({ setUp, states }).toEqual({
        setUp,
        states: Object.fromEntries(
          KINDS.map((kind) => [kind, SUPPORTIVE.includes(kind) ? 'done' : 'suppressed']),
        ),
      });
      const events = await rows<{ type: string }>(
        `SELECT type FROM outbound_events WHERE tenant_id = ? ORDER BY type`,
        tenant,
      );
      // Education and the after-cure lesson each assign one lesson; the two check-ins speak for themselves.
      expect(events.map((e) => e.type)).toEqual([
        'education.assigned',
        'education.assigned',
        'follow_up.check_in_call_requested',
        'relationship.check_in_due',
      ]);
      const rule = setUp === 'vulnerable' ? 'vulnerable' : 'hardship-pause';
      const suppressed = await rows<{ data: string }>(
        `SELECT data FROM audit_log WHERE tenant_id = ? AND action = 'follow-up.suppressed'`,
        tenant,
      );
      expect(suppressed.map((a) => JSON.parse(a.data).rule)).toEqual(
        Array(KINDS.length - SUPPORTIVE.length).fill(rule),
      );
    }
  });

  it('a lifted flag lets later follow-ups act; the suppressed one is never taken later, even when its message comes again', async () => {
    const tenant = randomId('ten');
    const caseId = `case_lift_${tenant}`;
    const first = decision(caseId, 'revisit', due);
    const second = decision(caseId, 'escalation', due + 3 * DAY);
    const scheduled = scheduleFollowUpStatements(db, {
      tenantId: tenant,
      caseId,
      decisions: [first, second],
      now: T0,
    });
    if (!scheduled.ok) throw new Error('schedule');
    await db.batch([
      ...insertRows(db, 'tenants', [tenantRow(tenant)]),
      ...insertRows(db, 'customers', [customerRow(tenant, caseId, { dispute: true })]),
      ...insertRows(db, 'cases', [caseRow(tenant, caseId)]),
      ...scheduled.statements,
    ]);
    await fire(due);
    expect((await timerStates(db, tenant)).map((t) => t.state)).toEqual(['suppressed', 'pending']);

    await setFlags(tenant, caseId, {});
    const again = { type: 'timer.due' as const, v: 1 as const, tenantId: tenant, timerId: first.id };
    const clock = simClock(due + DAY);
    expect(await deliver(consumerWith(clock.ports), env, [again], due + DAY)).toEqual({
      acked: 1,
      retried: [],
    });
    await fire(due + 3 * DAY);

    expect((await timerStates(db, tenant)).map((t) => `${t.kind} ${t.state}`)).toEqual([
      'revisit suppressed',
      'escalation done',
    ]);
    expect(await rows(`SELECT id FROM visits WHERE tenant_id = ?`, tenant)).toEqual([]);
    const events = await rows<{ type: string }>(
      `SELECT type FROM outbound_events WHERE tenant_id = ?`,
      tenant,
    );
    expect(events.map((e) => e.type)).toEqual(['case.escalated']);
  });

  it('a flag raised between the judgement and the write makes the timer judge again, and it is suppressed', async () => {
    const { tenant, caseOf } = await world({}, ['escalation']);
    // The third batch of the handler is the action's write: raise the flag just before it.
    const racing = beforeBatches(db, async (n) => {
      if (n === 3) await setFlags(tenant, caseOf('escalation'), { deceased: true });
    });
    await fire(due, { db: racing });
    const [timer] = await timerStates(db, tenant);
    expect(timer?.state).toBe('suppressed');
    expect(JSON.parse(timer?.result ?? '{}')).toMatchObject({ rule: 'deceased' });
    expect(await rows(`SELECT status FROM cases WHERE id = ?`, caseOf('escalation'))).toEqual([
      { status: 'in_follow_up' },
    ]);
  });
});

describe('webhook deliveries ask compliance before every attempt', () => {
  it('a flag raised after the event was recorded suppresses its delivery: not sent, audited, never redelivered', async () => {
    const tenant = randomId('ten');
    const caseId = `case_hook_${tenant}`;
    await db.batch([
      ...insertRows(db, 'tenants', [tenantRow(tenant)]),
      ...insertRows(db, 'customers', [customerRow(tenant, caseId)]),
      ...insertRows(db, 'cases', [caseRow(tenant, caseId)]),
      ...insertRows(db, 'webhook_subscriptions', [subscriptionRow(tenant)]),
    ]);
    const ids = await announced(db, tenant, [
      { type: 'promise.broken', caseId, data: {} },
      { type: 'education.assigned', caseId, data: { moduleId: 'budgeting' } },
    ]);
    // Cease-contact after the broken promise was recorded: nothing about it may go out now.
    await setFlags(tenant, caseId, { ceaseContact: true });
    const sent: string[] = [];
    const sender: WebhookSender = async ({ body }) => {
      sent.push(body);
      return { statusCode: 204 };
    };
    const handle = createWebhookDeliveryHandler(sender);
    const clock = simClock(T0 + 1_000);
    for (const deliveryId of ids)
      await handle(
        { type: 'webhook.deliver', v: 1, tenantId: tenant, deliveryId },
        { env, d1: env.DB, ports: clock.ports },
      );

    expect(sent).toEqual([]);
    const deliveries = await rows<{ event_type: string; status: string; last_error: string }>(
      `SELECT event_type, status, last_error FROM webhook_deliveries WHERE tenant_id = ? ORDER BY event_type`,
      tenant,
    );
    expect(deliveries).toEqual([
      { event_type: 'education.assigned', status: 'suppressed', last_error: 'compliance: cease-contact' },
      { event_type: 'promise.broken', status: 'suppressed', last_error: 'compliance: cease-contact' },
    ]);
    const audits = await rows<{ action: string; actor_role: string; data: string }>(
      `SELECT action, actor_role, data FROM audit_log WHERE tenant_id = ?`,
      tenant,
    );
    expect(audits.map((a) => [a.action, a.actor_role, JSON.parse(a.data).rule])).toEqual([
      ['webhook-delivery.suppressed', 'system', 'cease-contact'],
      ['webhook-delivery.suppressed', 'system', 'cease-contact'],
    ]);
    // Lifting the flag does not bring them back: a suppressed delivery is final.
    await setFlags(tenant, caseId, {});
    for (const deliveryId of ids)
      expect(
        await redeliverWebhook(db, env.JOBS, { tenantId: tenant, deliveryId, now: T0 + DAY }),
      ).toBeNull();
    const swept = await sweepDueTimers({ env, d1: env.DB }, simClock(T0 + 2 * DAY).ports, simTiming);
    expect(swept.deliveryMessages.filter((m) => ids.includes(m.body.deliveryId))).toEqual([]);
  });

  it('POST /v1/webhook-deliveries/{id}/redeliver refuses a suppressed delivery with 409', async () => {
    const f = await createFixtureTenant('hooksup');
    const id = randomId('whd');
    await db.batch([
      ...insertRows(db, 'webhook_subscriptions', [subscriptionRow(f.tenantId, 'whs_hooksup')]),
      ...insertRows(db, 'webhook_deliveries', [
        {
          id,
          tenant_id: f.tenantId,
          subscription_id: 'whs_hooksup',
          event_id: randomId('evt'),
          event_type: 'promise.broken',
          payload: '{}',
          status: 'suppressed',
          attempts: 1,
          created_at: T0,
        },
      ]),
    ]);
    const response = await call(f.keys.supervisor, 'POST', `/v1/webhook-deliveries/${id}/redeliver`);
    expect(response.status).toBe(409);
    expect((await response.json<{ detail: string }>()).detail).toMatch(/suppressed/);
  });
});

describe('a visit outcome reporting hardship', () => {
  it('starts the policy’s pause: collection moves to its end, a check-in call falls inside it, and compliance reads the pause', async () => {
    const f = await createFixtureTenant('hardship');
    const response = await call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/outcome`, {
      headers: { 'If-Match': '"1"' },
      body: {
        contactResult: 'customer_met',
        checklist: [{ item: 'show_staff_id', confirmed: true }],
        hardshipReasons: ['bereavement'],
        willingness: 1,
        monthlyAbilityToPay: { amountMinor: 100_000, currency: 'CNY' },
        satisfaction: 4,
      },
    });
    expect(response.status).toBe(200);
    const [pause] = await rows<{ reasons: string; starts_at: number; ends_at: number; visit_id: string }>(
      `SELECT reasons, starts_at, ends_at, visit_id FROM follow_up_pauses WHERE tenant_id = ?`,
      f.tenantId,
    );
    expect(pause).toMatchObject({ reasons: '["bereavement"]', visit_id: f.visitA1 });
    const days = ((pause?.ends_at ?? 0) - (pause?.starts_at ?? 0)) / DAY;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(31);
    const listed = await (await call(f.keys.supervisor, 'GET', `/v1/cases/${f.caseA}/follow-ups`)).json<{
      items: { kind: string; dueAt: string }[];
    }>();
    // The lesson for a bereavement is supportive, so it keeps its day inside the pause.
    expect(listed.items.map((i) => i.kind).sort()).toEqual(['check_in_call', 'education', 'escalation']);
    const escalation = listed.items.find((i) => i.kind === 'escalation');
    expect(Date.parse(escalation?.dueAt ?? '')).toBe(pause?.ends_at);

    // Every compliance path reads the pause: a collection call now is refused, a supportive one is not.
    const ask = async (purpose: string) =>
      (
        await call(f.keys.supervisor, 'POST', '/v1/compliance/contact-checks', {
          body: { customerId: f.customerA, channel: 'letter', at: new Date().toISOString(), purpose },
        })
      ).json<{ allowed: boolean; reasons: { rule: string }[] }>();
    expect(await ask('collection')).toMatchObject({ allowed: false, reasons: [{ rule: 'hardship-pause' }] });
    expect(await ask('supportive')).toMatchObject({ allowed: true, reasons: [] });
  });
});
