import { env } from 'cloudflare:test';
import {
  builtInRegistry,
  defaultPolicySet,
  localDateAt,
  type PromiseToPay,
  type RepaymentPlan,
  resolvePolicySet,
  toInstant,
  zonedToInstant,
} from '@doorstep/core';
import { sequentialIds } from '@doorstep/core/testing';
import { mulberry32 } from '@doorstep/evaluation';
import { Webhook } from 'standardwebhooks';
import { expect, it } from 'vitest';
import { claimAndRead } from '../src/follow-ups/facts';
import { cancelPendingFollowUps } from '../src/follow-ups/schedule';
import { sweepDueTimers } from '../src/follow-ups/sweep';
import type { JobMessage } from '../src/jobs/messages';
import { randomId } from '../src/ports/runtime';
import { newWebhookSecret } from '../src/webhooks/sign';
import {
  beforeBatches,
  caseRow,
  consumerWith,
  customerRow,
  DAY,
  deliver,
  HOUR,
  injectedFailure,
  insertRows,
  paymentRow,
  runBatched,
  simClock,
  simTiming,
  T0,
  tenantRow,
  ZONE,
} from './follow-ups.fixtures';
import {
  acceptedPlan,
  decideSimSchedule,
  openPromise,
  type SimTenant,
  simOutcome,
} from './follow-ups.scenarios';

const CASES = 500;
const DAYS = 120;
const db = env.DB;
const tenant = randomId('ten');

const SCENARIOS = [
  'promise-full',
  'promise-part',
  'promise-none',
  'plan-good',
  'plan-miss',
  'willing-unable',
  'unwilling-able',
  'unwilling-unable',
  'not-met',
] as const;
type Scenario = (typeof SCENARIOS)[number];

const localDay = (day: number) => localDateAt(toInstant(T0 + day * DAY), ZONE);
const at = (date: string, time: string) => Date.parse(zonedToInstant(date, time, ZONE));

it('runs 120 days of follow-ups over 500 cases: each due follow-up acts once, none after a cure, through duplicates, crashes and lost messages', async () => {
  // Mulberry32: the same portfolio, payments and cures on every run.
  const random = mulberry32(7);
  const policies = resolvePolicySet(defaultPolicySet, builtInRegistry);
  if (!policies.ok) throw new Error('default policy set must resolve');
  const ids = sequentialIds();
  const decidedAt = toInstant(T0 - HOUR);
  const scenarioOf = new Map<string, Scenario>();
  const payments: { caseId: string; amount: number; paidAt: number }[] = [];
  const cureAt = new Map<string, number>();
  const rows = {
    customers: [] as object[],
    cases: [] as object[],
    promises: [] as object[],
    plans: [] as object[],
    instalments: [] as object[],
  };
  const schedules: D1PreparedStatement[] = [];
  const sim: SimTenant = { id: tenant, zone: ZONE, currency: 'CNY', pack: 'cn' };

  for (let i = 0; i < CASES; i++) {
    const caseId = `case_${String(i).padStart(4, '0')}`;
    const scenario = SCENARIOS[i % SCENARIOS.length] ?? 'not-met';
    scenarioOf.set(caseId, scenario);
    rows.customers.push(customerRow(tenant, caseId));
    rows.cases.push(caseRow(tenant, caseId));
    const outcome = simOutcome(caseId, Date.parse(decidedAt), sim, {
      met: scenario !== 'not-met',
      willingness: scenario.startsWith('unwilling') ? 1 : 4,
      monthlyMinor: scenario.endsWith('unable') ? 5_000 : 50_000,
    });
    let promise: PromiseToPay | null = null;
    let plan: RepaymentPlan | null = null;
    if (scenario.startsWith('promise')) {
      const dueDate = localDay(3 + Math.floor(random() * 40));
      const opened = openPromise(sim, caseId, dueDate, T0 - HOUR);
      promise = opened.promise;
      rows.promises.push(opened.row);
      const paid = { 'promise-full': 60_000, 'promise-part': 20_000, 'promise-none': 0 }[
        scenario as 'promise-full'
      ];
      if (paid > 0) payments.push({ caseId, amount: paid, paidAt: at(dueDate, '09:00') });
    }
    if (scenario.startsWith('plan')) {
      const first = 10 + Math.floor(random() * 10);
      const accepted = acceptedPlan(
        sim,
        caseId,
        [0, 30, 60].map((offset) => localDay(first + offset)),
        T0 - HOUR,
      );
      plan = accepted.plan;
      rows.plans.push(accepted.planRow);
      rows.instalments.push(...accepted.instalmentRows);
      for (const instalment of plan.instalments)
        if (scenario === 'plan-good' || instalment.sequence === 1)
          payments.push({ caseId, amount: 100_000, paidAt: at(instalment.dueDate, '09:00') });
    }
    // About one case in six is cured by a payment from core banking somewhere in the run.
    if (random() < 0.17) cureAt.set(caseId, at(localDay(1 + Math.floor(random() * 100)), '08:00'));

    const decided = decideSimSchedule(db, policies.value, ids, {
      tenant: sim,
      caseId,
      decidedAt: T0 - HOUR,
      outcome,
      promise,
      plan,
    });
    schedules.push(...decided.statements);
  }
  const secret = newWebhookSecret();
  await runBatched(db, [
    ...insertRows(db, 'tenants', [tenantRow(tenant)]),
    ...insertRows(db, 'customers', rows.customers as Record<string, unknown>[]),
    ...insertRows(db, 'cases', rows.cases as Record<string, unknown>[]),
    ...insertRows(db, 'promises', rows.promises as Record<string, unknown>[]),
    ...insertRows(db, 'repayment_plans', rows.plans as Record<string, unknown>[]),
    ...insertRows(db, 'instalments', rows.instalments as Record<string, unknown>[]),
    ...insertRows(db, 'webhook_subscriptions', [
      {
        id: randomId('whs'),
        tenant_id: tenant,
        url: 'http://127.0.0.1:9/hooks',
        event_types: '["promise.broken","plan.broken"]',
        secret,
        created_at: T0 - DAY,
      },
    ]),
    ...schedules,
  ]);

  const clock = simClock();
  const received = new Map<string, number>();
  const verifier = new Webhook(secret);
  const consumer = consumerWith(clock.ports, {
    timing: simTiming,
    sender: async ({ headers, body }) => {
      const id = headers['webhook-id'] ?? '';
      // `verify` checks the timestamp against the real clock; simulated time is years ahead, so re-sign and compare.
      const expected = verifier.sign(id, new Date(Number(headers['webhook-timestamp']) * 1000), body);
      if (headers['webhook-signature'] !== expected) return { statusCode: 401 };
      received.set(id, (received.get(id) ?? 0) + 1);
      return { statusCode: 204 };
    },
  });
  const faults = { raced: 0, duplicated: 0, crashedMidBatch: 0, lost: 0, claimedThenDied: 0 };
  let carried: JobMessage[] = [];

  // Decisions were taken the evening before day 0, so faults fall on days when many kinds are due:
  // escalations day 0, revisits and hardship reviews day 2, education days 6 and 13, revisits day 29.
  for (let day = 0; day < DAYS; day++) {
    const midnight = at(localDay(day), '00:00');
    clock.set(midnight);
    const swept = await sweepDueTimers({ env, d1: env.DB }, clock.ports, simTiming);
    let messages: JobMessage[] = [...carried, ...swept.timerMessages.map((m) => m.body)];
    carried = [];

    // Core banking reports the day's payments; a cure ends the case and cancels what has not started.
    clock.set(midnight + 8 * HOUR);
    const today = payments.filter((p) => p.paidAt >= midnight && p.paidAt < midnight + DAY);
    const cures = [...cureAt].filter(([, when]) => when >= midnight && when < midnight + DAY);
    await runBatched(db, [
      ...insertRows(db, 'payments', [
        ...today.map((p) => paymentRow(tenant, p.caseId, p.amount, p.paidAt)),
        ...cures.map(([caseId, when]) => paymentRow(tenant, caseId, 300_000, when)),
      ]),
      ...cures.flatMap(([caseId, when]) => [
        db
          .prepare(
            `UPDATE cases SET status = 'cured', ended_at = ?, updated_at = ? WHERE id = ? AND tenant_id = ?`,
          )
          .bind(when, when, caseId, tenant),
        cancelPendingFollowUps(db, tenant, caseId, { now: when }),
      ]),
    ]);
    const evening = midnight + 23 * HOUR;
    clock.set(evening);
    let target = env;
    if (day === 0) {
      // Two consumers racing on the same messages before the regular delivery below repeats them.
      faults.raced = messages.length;
      await Promise.all([
        deliver(consumer, env, messages, evening),
        deliver(consumer, env, messages, evening),
      ]);
    }
    if (day === 2) {
      faults.duplicated = messages.length;
      messages = [...messages, ...messages];
      await deliver(consumer, env, messages, evening);
    }
    if (day === 6)
      target = { ...env, DB: beforeBatches(db, async (n) => (n % 5 === 0 ? injectedFailure() : undefined)) };
    if (day === 13) {
      faults.lost = Math.ceil(messages.length / 3);
      messages = messages.slice(faults.lost);
    }
    if (day === 29) {
      const dying = messages.slice(0, Math.ceil(messages.length / 3));
      for (const m of dying)
        if (m.type === 'timer.due' && (await claimAndRead(db, m, evening, simTiming.claimLeaseMs)))
          faults.claimedThenDied++;
      messages = messages.slice(dying.length);
    }
    for (let i = 0; i < messages.length; i += 50) {
      const result = await deliver(consumer, target, messages.slice(i, i + 50), evening);
      // The queue redelivers what was retried; here that is the next simulated day.
      carried.push(...result.retried);
      if (day === 6) faults.crashedMidBatch += result.retried.length;
    }
    await deliver(
      consumer,
      env,
      swept.deliveryMessages.map((m) => m.body),
      evening,
    );
  }
  const end = at(localDay(DAYS), '00:00');
  expect(faults.raced).toBeGreaterThan(0);
  expect(faults.duplicated).toBeGreaterThan(0);
  expect(faults.crashedMidBatch).toBeGreaterThan(0);
  expect(faults.lost).toBeGreaterThan(0);
  expect(faults.claimedThenDied).toBeGreaterThan(0);

  const timers = (
    await db
      .prepare(`SELECT id, case_id, kind, state, due_at FROM follow_up_timers WHERE tenant_id = ?`)
      .bind(tenant)
      .all<{ id: string; case_id: string; kind: string; state: string; due_at: number }>()
  ).results;
  const events = (
    await db
      .prepare(`SELECT source_id, case_id, type, data, occurred_at FROM outbound_events WHERE tenant_id = ?`)
      .bind(tenant)
      .all<{ source_id: string; case_id: string; type: string; data: string; occurred_at: number }>()
  ).results;
  const eventsBySource = new Map<string, number>();
  for (const e of events) eventsBySource.set(e.source_id, (eventsBySource.get(e.source_id) ?? 0) + 1);
  const lastConsumed = end - HOUR;
  const shouldAct = (t: { case_id: string; due_at: number }) =>
    t.due_at <= lastConsumed && !((cureAt.get(t.case_id) ?? Number.POSITIVE_INFINITY) <= t.due_at);

  // Nothing due is left behind, in any state.
  expect(timers.filter((t) => t.due_at <= lastConsumed && !['done', 'cancelled'].includes(t.state))).toEqual(
    [],
  );
  // Every due follow-up that is not an instalment timer acted exactly once and said so exactly once.
  const single = timers.filter((t) => !t.kind.startsWith('instalment'));
  expect(single.filter(shouldAct).length).toBeGreaterThan(500);
  for (const t of single) {
    expect({ id: t.id, events: eventsBySource.get(t.id) ?? 0 }).toEqual({
      id: t.id,
      events: shouldAct(t) ? 1 : 0,
    });
  }
  // No event about a case after it was cured, and no instalment settled twice.
  expect(events.filter((e) => (cureAt.get(e.case_id) ?? Number.POSITIVE_INFINITY) <= e.occurred_at)).toEqual(
    [],
  );
  const announcements = events.map((e) => `${e.source_id} ${e.type} ${e.data}`);
  expect(new Set(announcements).size).toBe(announcements.length);
  const instalmentKeys = events
    .filter((e) => e.type === 'instalment.paid' || e.type === 'instalment.missed')
    .map((e) => `${e.case_id}#${JSON.parse(e.data).sequence}`);
  expect(new Set(instalmentKeys).size).toBe(instalmentKeys.length);

  // Visits requested per case = revisits and hardship reviews that were due before any cure.
  const visits = (
    await db
      .prepare(`SELECT case_id, count(*) AS n FROM visits WHERE tenant_id = ? GROUP BY case_id`)
      .bind(tenant)
      .all<{ case_id: string; n: number }>()
  ).results;
  const expectedVisits = new Map<string, number>();
  for (const t of timers)
    if ((t.kind === 'revisit' || t.kind === 'hardship_review') && shouldAct(t))
      expectedVisits.set(t.case_id, (expectedVisits.get(t.case_id) ?? 0) + 1);
  expect(new Map(visits.map((v) => [v.case_id, v.n]))).toEqual(expectedVisits);

  // Outcomes the scenarios imply, for cases that were never cured.
  const settled = (
    await db
      .prepare(
        `SELECT c.id, c.status, p.status AS promise, r.status AS plan FROM cases c
         LEFT JOIN promises p ON p.case_id = c.id AND p.tenant_id = c.tenant_id
         LEFT JOIN repayment_plans r ON r.case_id = c.id AND r.tenant_id = c.tenant_id
         WHERE c.tenant_id = ? AND c.status <> 'cured'`,
      )
      .bind(tenant)
      .all<{ id: string; status: string; promise: string | null; plan: string | null }>()
  ).results;
  const expected: Record<Scenario, { status: string; promise: string | null; plan: string | null }> = {
    'promise-full': { status: 'in_follow_up', promise: 'kept', plan: null },
    'promise-part': { status: 'in_follow_up', promise: 'partly_kept', plan: null },
    'promise-none': { status: 'in_follow_up', promise: 'broken', plan: null },
    'plan-good': { status: 'in_follow_up', promise: null, plan: 'completed' },
    'plan-miss': { status: 'screened', promise: null, plan: 'broken' },
    'willing-unable': { status: 'in_follow_up', promise: null, plan: null },
    'unwilling-able': { status: 'escalated', promise: null, plan: null },
    'unwilling-unable': { status: 'in_follow_up', promise: null, plan: null },
    'not-met': { status: 'in_follow_up', promise: null, plan: null },
  };
  for (const row of settled)
    expect(row).toEqual({ id: row.id, ...expected[scenarioOf.get(row.id) ?? 'not-met'] });

  // Webhooks: one delivery per matching event, each received once, validly signed.
  const deliveries = (
    await db
      .prepare(`SELECT event_id, status FROM webhook_deliveries WHERE tenant_id = ?`)
      .bind(tenant)
      .all<{ event_id: string; status: string }>()
  ).results;
  expect(deliveries.length).toBe(
    events.filter((e) => e.type === 'promise.broken' || e.type === 'plan.broken').length,
  );
  expect(deliveries.every((d) => d.status === 'delivered' && received.get(d.event_id) === 1)).toBe(true);
}, 120_000);
