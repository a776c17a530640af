import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import type { FollowUp } from '@doorstep/core';
import type { OutboundEvent } from '@doorstep/follow-up-engine';
import { expect } from 'vitest';
import { sweepDueTimers } from '../src/follow-ups/sweep';
import { createTimerDueHandler } from '../src/follow-ups/timer-due-job';
import type { TimerTiming } from '../src/follow-ups/timing';
import { createQueueHandler } from '../src/jobs/consumer';
import type { JobMessage } from '../src/jobs/messages';
import { jobHandlers } from '../src/jobs/registry';
import { type RuntimePorts, randomId, runtimePorts } from '../src/ports/runtime';
import { createWebhookDeliveryHandler } from '../src/webhooks/deliver-job';
import { announceStatements } from '../src/webhooks/outbox';
import type { WebhookSender } from '../src/webhooks/sender';
import { newWebhookSecret } from '../src/webhooks/sign';

export const ZONE = 'Asia/Shanghai';
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/**
 * Simulated time starts in 2030, after the real clock: the local queue really delivers what the code
 * sends, to the worker's own handlers on the real clock, and those must find nothing due yet, so only
 * the consumers a test drives with its own clock ever act.
 */
export const T0 = Date.parse('2030-01-07T00:00:00+08:00');

export const simTiming: TimerTiming = {
  horizonMs: DAY,
  enqueueGraceMs: HOUR,
  claimLeaseMs: HOUR,
  maxAttempts: 10,
  batchLimit: 5_000,
};

export function simClock(start = T0) {
  let now = start;
  const ports: RuntimePorts = { now: () => now, newId: randomId };
  return {
    ports,
    now: () => now,
    set(at: number) {
      now = at;
    },
  };
}

/** Multi-row INSERTs under D1's 100-bound-parameter limit, all in one batch. */
export function insertRows(db: D1Database, table: string, rows: readonly Record<string, unknown>[]) {
  const first = rows[0];
  if (first === undefined) return [];
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(100 / columns.length));
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const tuple = `(${columns.map(() => '?').join(',')})`;
    statements.push(
      db
        .prepare(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => tuple).join(',')}`)
        .bind(...chunk.flatMap((row) => columns.map((c) => row[c] ?? null))),
    );
  }
  return statements;
}

export async function runBatched(db: D1Database, statements: readonly D1PreparedStatement[], size = 400) {
  for (let i = 0; i < statements.length; i += size) await db.batch(statements.slice(i, i + size));
}

export const tenantRow = (id: string) => ({
  id,
  name: 'Test Bank',
  time_zone: ZONE,
  currency: 'CNY',
  jurisdiction: 'cn',
  created_at: T0 - 30 * DAY,
});

export const caseRow = (tenantId: string, id: string, status = 'in_follow_up') => ({
  id,
  tenant_id: tenantId,
  customer_id: `cus_${id}`,
  account_id: `acc_${id}`,
  status,
  bucket: 'M2',
  dpd: 45,
  overdue_total: 300_000,
  overdue_at_open: 300_000,
  currency: 'CNY',
  opened_at: T0 - 45 * DAY,
  updated_at: T0 - DAY,
});

/** The customer `caseRow` names (`cus_<case id>`), with no flag set unless given, in `language` if given. */
export const customerRow = (
  tenantId: string,
  caseId: string,
  flags: Record<string, unknown> = {},
  language: string | null = null,
) => ({
  id: `cus_${caseId}`,
  tenant_id: tenantId,
  external_ref: `cus_${caseId}`,
  name: 'Follow-up Customer',
  flags: JSON.stringify(flags),
  language,
  source_updated_at: T0 - 45 * DAY,
  created_at: T0 - 45 * DAY,
  updated_at: T0 - 45 * DAY,
});

/** Cases in follow-up and their customers, for a batch. */
export const casesWithCustomers = (db: D1Database, tenantId: string, caseIds: readonly string[]) => [
  ...insertRows(
    db,
    'customers',
    caseIds.map((id) => customerRow(tenantId, id)),
  ),
  ...insertRows(
    db,
    'cases',
    caseIds.map((id) => caseRow(tenantId, id)),
  ),
];

export const paymentRow = (tenantId: string, caseId: string, amount: number, paidAt: number) => ({
  id: randomId('pay'),
  tenant_id: tenantId,
  account_id: `acc_${caseId}`,
  case_id: caseId,
  external_ref: randomId('ext'),
  amount,
  currency: 'CNY',
  paid_at: paidAt,
  received_at: paidAt,
});

/**
 * A queue consumer whose follow-up handlers read the test's clock (and send webhooks through the given
 * sender), run exactly as production runs them: through `createQueueHandler` on a `MessageBatch`.
 */
export function consumerWith(
  ports: RuntimePorts,
  options: { sender?: WebhookSender; timing?: TimerTiming } = {},
) {
  const timerDue = createTimerDueHandler(options.timing ?? simTiming);
  const deliver = createWebhookDeliveryHandler(options.sender);
  return createQueueHandler(
    {
      ...jobHandlers,
      'timer.due': (job, context) => timerDue(job, { ...context, ports }),
      'webhook.deliver': (job, context) => deliver(job, { ...context, ports }),
    },
    'doorstep-jobs-dlq',
  );
}

/**
 * A D1 binding that runs `before(n)` ahead of its n-th batch (from 1): a rejection makes that batch fail
 * without reaching D1 (a consumer crashing mid-job), other work slips a concurrent write in first.
 */
export function beforeBatches(db: D1Database, before: (n: number) => Promise<void>): D1Database {
  let calls = 0;
  return new Proxy(db, {
    get(target, property) {
      if (property === 'batch')
        return async (statements: D1PreparedStatement[]) => {
          calls += 1;
          await before(calls);
          return target.batch(statements);
        };
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export const injectedFailure = async () => {
  throw new Error('injected D1 failure');
};

let messageSeq = 0;

/** Feeds messages to a consumer as one `MessageBatch` and returns what it acked and retried. */
export async function deliver(
  consumer: ReturnType<typeof consumerWith>,
  env: Env,
  bodies: readonly JobMessage[],
  at: number,
) {
  const messages = bodies.map((body) => ({
    id: `msg-${++messageSeq}`,
    timestamp: new Date(at),
    attempts: 1,
    body,
  }));
  const batch = createMessageBatch<unknown>('doorstep-jobs', messages);
  const ctx = createExecutionContext();
  await consumer(batch, env);
  const result = await getQueueResult(batch, ctx);
  const byId = new Map(messages.map((m) => [m.id, m.body]));
  return {
    acked: result.explicitAcks.length,
    // The plugin records which messages were retried, not their delay; tests read delays from the handler.
    retried: result.retryMessages.map((r) => byId.get(r.msgId) as JobMessage),
  };
}

export async function timerStates(db: D1Database, tenantId: string) {
  const rows = await db
    .prepare(
      `SELECT id, kind, state, attempts, due_at, result FROM follow_up_timers WHERE tenant_id = ? ORDER BY due_at, id`,
    )
    .bind(tenantId)
    .all<{
      id: string;
      kind: string;
      state: string;
      attempts: number;
      due_at: number;
      result: string | null;
    }>();
  return rows.results;
}

/** A follow-up as the core's policy hands it over: `kind` for `caseId`, due at `dueAt`. */
export const decision = (
  caseId: string,
  kind: FollowUp['kind'],
  dueAt: number,
  topic: FollowUp['educationTopic'] = null,
): FollowUp => ({
  id: randomId('fu') as FollowUp['id'],
  caseId: caseId as FollowUp['caseId'],
  kind,
  dueAt: new Date(dueAt).toISOString(),
  educationTopic: topic,
  reason: { code: 'test', data: {}, message: 'test' },
});

/** A tenant's active subscription to every event type. */
export const subscriptionRow = (tenantId: string, id = randomId('whs')) => ({
  id,
  tenant_id: tenantId,
  url: 'https://partner.example/hooks',
  event_types: '["*"]',
  secret: newWebhookSecret(),
  created_at: T0,
});

/** Records events at `now` as an action would (unguarded) and returns the ids of the deliveries made. */
export async function announced(
  db: D1Database,
  tenantId: string,
  events: readonly OutboundEvent[],
  now = T0,
): Promise<string[]> {
  const { statements, deliveryStatementIndexes } = announceStatements(db, runtimePorts(), {
    tenantId,
    sourceId: randomId('fu'),
    events,
    now,
    guard: { sql: '1', binds: [] },
  });
  const results = await db.batch(statements);
  return deliveryStatementIndexes.flatMap((i) =>
    ((results[i]?.results ?? []) as { id: string }[]).map((r) => r.id),
  );
}

/** Fires these timers at `at` with a simulated clock, as the cron's sweep and the queue's consumer would. */
export async function fireTimers(timerIds: readonly string[], at: number) {
  const clock = simClock(at);
  const swept = await sweepDueTimers({ env, d1: env.DB }, clock.ports, simTiming);
  const mine = swept.timerMessages.map((m) => m.body).filter((body) => timerIds.includes(body.timerId));
  expect(mine).toHaveLength(timerIds.length);
  await deliver(consumerWith(clock.ports), env, mine, at);
}

/** A case's timers by due time, with their payload and the engine's result. */
export const timersOfCase = async (tenantId: string, caseId: string) =>
  (
    await env.DB.prepare(
      `SELECT id, kind, state, due_at, payload, result FROM follow_up_timers WHERE tenant_id = ? AND case_id = ? ORDER BY due_at`,
    )
      .bind(tenantId, caseId)
      .all<{
        id: string;
        kind: string;
        state: string;
        due_at: number;
        payload: string;
        result: string | null;
      }>()
  ).results;
