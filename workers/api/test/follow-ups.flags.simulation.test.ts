/**
 * The Must-show of compliance at fire time, as a property over the worker's follow-up simulation:
 * 500 cases in four tenants (cn, us, in, uk) follow their policy's schedule for 120 simulated days
 * through the real sweep, `timer.due` and `webhook.deliver` handlers on local D1 and Queues, while
 * random flags are raised and lifted on their customers at random times and hardship pauses start.
 * The oracle is written here from the regulations' reading in docs/compliance.md, not from the
 * engine: no action and no webhook on a customer while a flag or pause bars it, every suppression
 * audited with a rule that bars it then, nothing suppressed ever taken or sent later, and work
 * after a lift acting again.
 *
 * CI runs the seed below; `DOORSTEP_FLAG_SIM_SEED` (and `DOORSTEP_FLAG_SIM_CASES`) pick others.
 */
import { env } from 'cloudflare:test';
import {
  builtInRegistry,
  defaultPolicySet,
  type FollowUpKind,
  localDateAt,
  type PromiseToPay,
  type RepaymentPlan,
  resolvePolicySet,
  toInstant,
  zonedToInstant,
} from '@doorstep/core';
import { sequentialIds } from '@doorstep/core/testing';
import { mulberry32 } from '@doorstep/evaluation';
import { expect, it } from 'vitest';
import { scheduleFollowUpStatements } from '../src/follow-ups/schedule';
import { sweepDueTimers } from '../src/follow-ups/sweep';
import type { JobMessage } from '../src/jobs/messages';
import { randomId } from '../src/ports/runtime';
import { newWebhookSecret } from '../src/webhooks/sign';
import {
  caseRow,
  consumerWith,
  customerRow,
  DAY,
  deliver,
  HOUR,
  insertRows,
  paymentRow,
  runBatched,
  simClock,
  simTiming,
  T0,
} from './follow-ups.fixtures';
import {
  acceptedPlan,
  decideSimSchedule,
  openPromise,
  type SimTenant,
  simOutcome,
} from './follow-ups.scenarios';

const SEED = Number(env.DOORSTEP_FLAG_SIM_SEED || 14);
const CASES = Number(env.DOORSTEP_FLAG_SIM_CASES || 500);
const DAYS = 120;
const db = env.DB;

const PACKS = [
  { pack: 'cn', zone: 'Asia/Shanghai', currency: 'CNY' },
  { pack: 'us', zone: 'America/New_York', currency: 'USD' },
  { pack: 'in', zone: 'Asia/Kolkata', currency: 'INR' },
  { pack: 'uk', zone: 'Europe/London', currency: 'GBP' },
] as const;
type Pack = (typeof PACKS)[number]['pack'];

// ---- The oracle: what bars what, read from the regulations as docs/compliance.md states them. ----

type FlagKind =
  | 'deceased'
  | 'bankruptcy'
  | 'ceaseContact'
  | 'dispute'
  | 'vulnerability'
  | 'breathingSpace'
  | 'debtAdviser';
const FLAG_KINDS: FlagKind[] = [
  'deceased',
  'bankruptcy',
  'ceaseContact',
  'dispute',
  'vulnerability',
  'breathingSpace',
  'debtAdviser',
];
interface Episode {
  kind: FlagKind | 'pause';
  from: number;
  until: number;
}

/** Help without asking for money: may go on through vulnerability, debt advice and hardship pauses. */
const SUPPORTIVE = new Set([
  'education',
  'check_in_call',
  'education.assigned',
  'education.completed',
  'follow_up.check_in_call_requested',
]);

/** The rules that bar an action or event named `what` on this customer at `t`; empty: it may happen. */
function barringRules(pack: Pack, episodes: readonly Episode[], what: string, t: number): string[] {
  const rules: string[] = [];
  const supportive = SUPPORTIVE.has(what);
  for (const e of episodes) {
    if (!(e.from <= t && t < e.until)) continue;
    if (e.kind === 'deceased') rules.push('deceased');
    if (e.kind === 'bankruptcy') rules.push('bankruptcy');
    if (e.kind === 'ceaseContact') rules.push('cease-contact');
    if (e.kind === 'dispute') rules.push('dispute');
    if (e.kind === 'breathingSpace' && pack === 'uk') rules.push('breathing-space');
    if (supportive) continue;
    if (e.kind === 'vulnerability') rules.push('vulnerable');
    if (e.kind === 'pause') rules.push('hardship-pause');
    if (e.kind === 'debtAdviser' && pack === 'uk') rules.push('debt-adviser');
  }
  return rules;
}

/** The customer's flags as intake would store them at `t`: every episode then holding, plus pause ends already set. */
function flagsAt(episodes: readonly Episode[], t: number): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  for (const e of episodes) {
    // Breathing Space and debt advice are end instants intake records (the latest notice's), left in
    // place after they pass.
    for (const [kind, key] of [
      ['breathingSpace', 'breathingSpaceUntil'],
      ['debtAdviser', 'debtAdviserUntil'],
    ] as const)
      if (e.kind === kind && e.from <= t && e.until > Date.parse(String(flags[key] ?? 0)))
        flags[key] = toInstant(e.until);
    if (!(e.from <= t && t < e.until)) continue;
    if (e.kind === 'vulnerability') flags.vulnerability = { kind: 'life_event' };
    else if (e.kind !== 'pause' && e.kind !== 'breathingSpace' && e.kind !== 'debtAdviser')
      flags[e.kind] = true;
  }
  return flags;
}

it(`runs ${DAYS} days of follow-ups over ${CASES} cases in four packs while flags are raised and lifted at random: nothing acts or goes out while barred, every suppression audited, nothing replayed`, async () => {
  const random = mulberry32(SEED);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const policies = resolvePolicySet(defaultPolicySet, builtInRegistry);
  if (!policies.ok) throw new Error('default policy set must resolve');
  const ids = sequentialIds();
  const run = randomId('sim');
  const tenantOf = (pack: Pack) => `ten_${run}_${pack}`;
  const customers = new Map<string, { pack: Pack; tenant: string; caseId: string; episodes: Episode[] }>();
  const rows = {
    customers: [] as object[],
    cases: [] as object[],
    promises: [] as object[],
    plans: [] as object[],
  };
  const instalmentRows: object[] = [];
  const schedules: D1PreparedStatement[] = [];
  const payments: { tenant: string; caseId: string; amount: number; currency: string; paidAt: number }[] = [];
  const decidedAt = T0 - HOUR;

  for (let i = 0; i < CASES; i++) {
    const { pack, zone, currency } = PACKS[i % PACKS.length] ?? PACKS[0];
    const tenant = tenantOf(pack);
    const caseId = `case_${run}_${String(i).padStart(4, '0')}`;
    const localDay = (day: number) => localDateAt(toInstant(T0 + day * DAY), zone);
    const at = (date: string, time: string) => Date.parse(zonedToInstant(date, time, zone));
    rows.customers.push(customerRow(tenant, caseId));
    rows.cases.push({ ...caseRow(tenant, caseId), currency });

    // The visit outcome the schedule comes from; some report hardship, which starts the policy's pause.
    const sim: SimTenant = { id: tenant, zone, currency, pack };
    const met = random() < 0.85;
    const outcome = simOutcome(caseId, decidedAt, sim, {
      met,
      willingness: int(1, 5),
      monthlyMinor: random() < 0.5 ? 50_000 : 5_000,
      hardship: met && random() < 0.15 ? ['job_loss'] : [],
    });
    let promise: PromiseToPay | null = null;
    let plan: RepaymentPlan | null = null;
    const shape = random();
    if (shape < 0.3) {
      const opened = openPromise(sim, caseId, localDay(int(3, 40)), decidedAt);
      promise = opened.promise;
      rows.promises.push(opened.row);
      if (random() < 0.5)
        payments.push({ tenant, caseId, amount: 60_000, currency, paidAt: at(promise.dueDate, '09:00') });
    } else if (shape < 0.55) {
      const first = int(10, 20);
      const accepted = acceptedPlan(
        sim,
        caseId,
        [0, 30, 60].map((offset) => localDay(first + offset)),
        decidedAt,
      );
      plan = accepted.plan;
      rows.plans.push(accepted.planRow);
      instalmentRows.push(...accepted.instalmentRows);
      for (const instalment of plan.instalments)
        if (random() < 0.7)
          payments.push({
            tenant,
            caseId,
            amount: 100_000,
            currency,
            paidAt: at(instalment.dueDate, '09:00'),
          });
    }
    const decided = decideSimSchedule(db, policies.value, ids, {
      tenant: sim,
      caseId,
      decidedAt,
      outcome,
      promise,
      plan,
    });
    schedules.push(...decided.statements);

    // Random flags raised and lifted at random times on about two customers in three, and a pause on
    // some: the policy's own when hardship was reported, else one a later outcome would start.
    const episodes: Episode[] = [];
    const { pause } = decided.decision;
    if (pause) episodes.push({ kind: 'pause', from: Date.parse(pause.from), until: Date.parse(pause.until) });
    else if (random() < 0.1) {
      const from = T0 + int(0, 100) * DAY + int(1, 22) * HOUR;
      episodes.push({ kind: 'pause', from, until: from + int(5, 40) * DAY });
    }
    if (random() < 0.66)
      for (let n = int(1, 2); n > 0; n--) {
        const kind = FLAG_KINDS[int(0, FLAG_KINDS.length - 1)] ?? 'dispute';
        const from = T0 + int(0, 110) * DAY + int(1, 22) * HOUR + int(0, 59) * 60_000;
        episodes.push({ kind, from, until: from + int(1, 40) * DAY + int(0, 23) * HOUR });
      }
    customers.set(`cus_${caseId}`, { pack, tenant, caseId, episodes });
  }

  await runBatched(db, [
    ...PACKS.flatMap(({ pack, zone, currency }) =>
      insertRows(db, 'tenants', [
        {
          id: tenantOf(pack),
          name: `Sim ${pack}`,
          time_zone: zone,
          currency,
          jurisdiction: pack,
          created_at: T0 - 30 * DAY,
        },
      ]),
    ),
    ...insertRows(db, 'customers', rows.customers as Record<string, unknown>[]),
    ...insertRows(db, 'cases', rows.cases as Record<string, unknown>[]),
    ...insertRows(db, 'promises', rows.promises as Record<string, unknown>[]),
    ...insertRows(db, 'repayment_plans', rows.plans as Record<string, unknown>[]),
    ...insertRows(db, 'instalments', instalmentRows as Record<string, unknown>[]),
    ...insertRows(
      db,
      'webhook_subscriptions',
      PACKS.map(({ pack }) => ({
        id: randomId('whs'),
        tenant_id: tenantOf(pack),
        url: 'https://partner.example/hooks',
        event_types: '["*"]',
        secret: newWebhookSecret(),
        created_at: T0 - DAY,
      })),
    ),
    ...schedules,
  ]);

  // What each flag or pause change writes, and when: intake replaces the flags (bumping the version),
  // an outcome inserts the pause row. New work after a lift: the next outcome asks for a revisit.
  const changes: { at: number; statements: () => D1PreparedStatement[] }[] = [];
  const newWork: { customerId: string; timerId: string }[] = [];
  for (const [customerId, { tenant, caseId, episodes }] of customers) {
    for (const e of episodes) {
      if (e.kind === 'pause') {
        if (e.from < T0) {
          changes.push({ at: T0 - HOUR, statements: () => [pauseRow(tenant, customerId, caseId, e)] });
        } else changes.push({ at: e.from, statements: () => [pauseRow(tenant, customerId, caseId, e)] });
        continue;
      }
      for (const moment of [e.from, e.until])
        changes.push({
          at: moment,
          statements: () => [
            db
              .prepare(`UPDATE customers SET flags = ?, version = version + 1 WHERE id = ? AND tenant_id = ?`)
              .bind(JSON.stringify(flagsAt(episodes, moment)), customerId, tenant),
          ],
        });
      const revisit = { id: `fu_${run}_${newWork.length}`, at: e.until + 2 * DAY };
      if (revisit.at < T0 + (DAYS - 1) * DAY) {
        newWork.push({ customerId, timerId: revisit.id });
        changes.push({
          at: e.until,
          statements: () => {
            const scheduled = scheduleFollowUpStatements(db, {
              tenantId: tenant,
              caseId,
              decisions: [
                {
                  id: revisit.id as `fu_${string}`,
                  caseId: caseId as `case_${string}`,
                  kind: 'revisit',
                  dueAt: toInstant(revisit.at),
                  educationTopic: null,
                  reason: { code: 'sim.after-lift', data: {}, message: 'Work again after a lift' },
                },
              ],
              now: e.until,
            });
            return scheduled.ok ? scheduled.statements : [];
          },
        });
      }
    }
  }
  changes.sort((a, b) => a.at - b.at);

  const clock = simClock();
  const sent: { eventId: string; type: string; caseId: string; at: number }[] = [];
  const consumer = consumerWith(clock.ports, {
    timing: simTiming,
    sender: async ({ body }) => {
      const parsed = JSON.parse(body) as { type: string; data: { eventId: string; caseId: string } };
      sent.push({
        eventId: parsed.data.eventId,
        type: parsed.type,
        caseId: parsed.data.caseId,
        at: clock.now(),
      });
      return { statusCode: 204 };
    },
  });
  let carried: JobMessage[] = [];
  let applied = 0;
  // One simulated day in UTC: sweep at 00:00; payments and every flag, pause and lift of the day by
  // 23:00; then the consumer and the webhook deliveries the sweep re-sent, at 23:00.
  for (let day = 0; day < DAYS; day++) {
    const midnight = T0 - (T0 % DAY) + day * DAY;
    clock.set(midnight);
    const swept = await sweepDueTimers({ env, d1: env.DB }, clock.ports, simTiming);
    const evening = midnight + 23 * HOUR;
    const todays: D1PreparedStatement[] = [];
    while (applied < changes.length && (changes[applied]?.at ?? Number.POSITIVE_INFINITY) <= evening)
      todays.push(...(changes[applied++]?.statements() ?? []));
    todays.push(
      ...insertRows(
        db,
        'payments',
        payments
          .filter((p) => p.paidAt >= midnight && p.paidAt < midnight + DAY)
          .map((p) => ({ ...paymentRow(p.tenant, p.caseId, p.amount, p.paidAt), currency: p.currency })),
      ),
    );
    await runBatched(db, todays);
    clock.set(evening);
    const messages = [...carried, ...swept.timerMessages.map((m) => m.body)];
    carried = [];
    // Every message twice on one busy day: duplicates must not turn a suppression into an action.
    const batch = day === 2 ? [...messages, ...messages] : messages;
    for (let i = 0; i < batch.length; i += 50)
      carried.push(...(await deliver(consumer, env, batch.slice(i, i + 50), evening)).retried);
    await deliver(
      consumer,
      env,
      swept.deliveryMessages.map((m) => m.body),
      evening,
    );
  }
  const end = T0 - (T0 % DAY) + DAYS * DAY;

  // ---- What happened, read back from D1. ----
  const tenants = PACKS.map(({ pack }) => tenantOf(pack));
  const inTenants = `tenant_id IN (${tenants.map(() => '?').join(',')})`;
  const read = async <T>(sql: string) =>
    (
      await db
        .prepare(sql)
        .bind(...tenants)
        .all<T>()
    ).results;
  const timers = await read<{
    id: string;
    case_id: string;
    kind: FollowUpKind;
    state: string;
    due_at: number;
    updated_at: number;
    result: string | null;
  }>(`SELECT id, case_id, kind, state, due_at, updated_at, result FROM follow_up_timers WHERE ${inTenants}`);
  const events = await read<{
    id: string;
    source_id: string;
    case_id: string;
    type: string;
    data: string;
    occurred_at: number;
  }>(`SELECT id, source_id, case_id, type, data, occurred_at FROM outbound_events WHERE ${inTenants}`);
  const audits = await read<{ action: string; data: string }>(
    `SELECT action, data FROM audit_log WHERE ${inTenants} AND action IN ('follow-up.suppressed', 'webhook-delivery.suppressed')`,
  );
  const deliveries = await read<{ id: string; event_id: string; event_type: string; status: string }>(
    `SELECT id, event_id, event_type, status FROM webhook_deliveries WHERE ${inTenants}`,
  );
  const customerOfCase = (caseId: string) => {
    const found = customers.get(`cus_${caseId}`);
    if (!found) throw new Error(caseId);
    return found;
  };
  const barred = (caseId: string, what: string, t: number) => {
    const { pack, episodes } = customerOfCase(caseId);
    return barringRules(pack, episodes, what, t);
  };
  const resultOf = (t: (typeof timers)[number]) =>
    JSON.parse(t.result ?? '{}') as { action?: string; rule?: string };

  // Nothing due is left in a non-final state.
  expect(
    timers.filter((t) => t.due_at <= end - HOUR && !['done', 'cancelled', 'suppressed'].includes(t.state)),
  ).toEqual([]);

  // 0 actions while a flag or pause bars them: every action taken was allowed when it was taken.
  const acted = timers.filter((t) => t.state === 'done' && resultOf(t).action !== 'none');
  expect(
    acted
      .filter((t) => barred(t.case_id, t.kind, t.updated_at).length > 0)
      .map((t) => ({
        kind: t.kind,
        at: toInstant(t.updated_at),
        rules: barred(t.case_id, t.kind, t.updated_at),
      })),
  ).toEqual([]);
  // 0 outbound events while barred: recorded, or sent to a partner.
  expect(events.filter((e) => barred(e.case_id, e.type, e.occurred_at).length > 0)).toEqual([]);
  expect(sent.filter((s) => barred(s.caseId, s.type, s.at).length > 0)).toEqual([]);

  // Every suppression was barred then, and audited as the system's decision with the rule.
  const suppressed = timers.filter((t) => t.state === 'suppressed');
  const auditedRule = new Map(
    audits
      .filter((a) => a.action === 'follow-up.suppressed')
      .map((a) => JSON.parse(a.data) as { timerId: string; rule: string })
      .map((a) => [a.timerId, a.rule]),
  );
  for (const t of suppressed) {
    const rule = resultOf(t).rule ?? '';
    expect({
      id: t.id,
      barredBy: barred(t.case_id, t.kind, t.updated_at).includes(rule),
      audited: auditedRule.get(t.id),
    }).toEqual({
      id: t.id,
      barredBy: true,
      audited: rule,
    });
  }
  expect(auditedRule.size).toBe(suppressed.length);
  const suppressedDeliveries = deliveries.filter((d) => d.status === 'suppressed');
  expect(audits.filter((a) => a.action === 'webhook-delivery.suppressed')).toHaveLength(
    suppressedDeliveries.length,
  );

  // Nothing suppressed is taken or sent later, whatever was lifted since.
  const suppressedIds = new Set(suppressed.map((t) => t.id));
  expect(events.filter((e) => suppressedIds.has(e.source_id))).toEqual([]);
  const neverSent = new Set(suppressedDeliveries.map((d) => d.event_id));
  expect(sent.filter((s) => neverSent.has(s.eventId))).toEqual([]);
  const visits = await read<{ case_id: string; n: number }>(
    `SELECT case_id, count(*) AS n FROM visits WHERE ${inTenants} GROUP BY case_id`,
  );
  const expectedVisits = new Map<string, number>();
  for (const t of acted)
    if (t.kind === 'revisit' || t.kind === 'hardship_review')
      expectedVisits.set(t.case_id, (expectedVisits.get(t.case_id) ?? 0) + 1);
  expect(new Map(visits.map((v) => [v.case_id, v.n]))).toEqual(expectedVisits);
  const promises = new Map(
    (await read<{ id: string; status: string }>(`SELECT id, status FROM promises WHERE ${inTenants}`)).map(
      (p) => [p.id, p.status],
    ),
  );
  for (const t of suppressed.filter((t) => t.kind === 'promise_check'))
    expect(promises.get(`ptp_${t.case_id}`)).toBe('cancelled');
  const suspended = new Set(
    (
      await read<{ plan_id: string; seq: number }>(
        `SELECT plan_id, seq FROM instalments WHERE ${inTenants} AND status = 'suspended'`,
      )
    ).map((i) => `${i.plan_id}#${i.seq}`),
  );
  const settledLater = events
    .filter((e) => e.type === 'instalment.paid' || e.type === 'instalment.missed')
    .map((e) => JSON.parse(e.data) as { planId: string; sequence: number })
    .filter((d) => suspended.has(`${d.planId}#${d.sequence}`));
  expect(settledLater).toEqual([]);

  console.log(
    JSON.stringify({
      flagSimulation: { seed: SEED, cases: CASES, days: DAYS },
      timers: timers.length,
      acted: acted.length,
      suppressed: suppressed.length,
      rules: Object.fromEntries(
        [...new Set(suppressed.map((t) => resultOf(t).rule))].map((r) => [
          r,
          suppressed.filter((t) => resultOf(t).rule === r).length,
        ]),
      ),
      webhooksSent: sent.length,
      deliveriesSuppressed: suppressedDeliveries.length,
      actedAfterLift: acted.filter((t) => newWork.some((w) => w.timerId === t.id)).length,
    }),
  );
  // The run saw every side: suppressions under many rules, supportive work during pauses, and work
  // acting again after a lift (the revisits the next outcome asked for once a flag was lifted).
  const rulesSeen = new Set(suppressed.map((t) => resultOf(t).rule));
  expect([...rulesSeen].sort()).toEqual(
    expect.arrayContaining([
      'bankruptcy',
      'cease-contact',
      'deceased',
      'dispute',
      'hardship-pause',
      'vulnerable',
    ]),
  );
  expect(suppressed.length).toBeGreaterThan(CASES / 10);
  expect(acted.length).toBeGreaterThan(CASES);
  expect(
    acted.filter(
      (t) =>
        SUPPORTIVE.has(t.kind) &&
        customerOfCase(t.case_id).episodes.some((e) => e.from <= t.updated_at && t.updated_at < e.until),
    ).length,
  ).toBeGreaterThan(0);
  const afterLift = new Set(newWork.map((w) => w.timerId));
  expect(acted.filter((t) => afterLift.has(t.id)).length).toBeGreaterThan(CASES / 20);
  expect(sent.length).toBeGreaterThan(CASES);
  expect(suppressedDeliveries.length).toBeGreaterThan(0);
}, 600_000);

function pauseRow(tenant: string, customerId: string, caseId: string, pause: Episode) {
  return db
    .prepare(
      `INSERT INTO follow_up_pauses (id, tenant_id, customer_id, case_id, visit_id, reasons, starts_at, ends_at, created_at)
       VALUES (?, ?, ?, ?, ?, '["job_loss"]', ?, ?, ?)`,
    )
    .bind(randomId('pau'), tenant, customerId, caseId, randomId('vis'), pause.from, pause.until, pause.from);
}
