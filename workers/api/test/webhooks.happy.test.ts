import { env } from 'cloudflare:test';
import { DELIVERY_RETRY_GAPS_MS, MAX_DELIVERY_ATTEMPTS } from '@doorstep/follow-up-engine';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { Guard } from '../src/follow-ups/guard';
import { sweepDueTimers } from '../src/follow-ups/sweep';
import { randomId, runtimePorts } from '../src/ports/runtime';
import { createWebhookDeliveryHandler } from '../src/webhooks/deliver-job';
import { announceStatements, DISPATCH_LEASE_MS } from '../src/webhooks/outbox';
import { redeliverWebhook } from '../src/webhooks/redeliver';
import type { SendResult, WebhookSender } from '../src/webhooks/sender';
import { newWebhookSecret } from '../src/webhooks/sign';
import { casesWithCustomers, insertRows, simClock, simTiming, T0, tenantRow } from './follow-ups.fixtures';

const db = env.DB;
const always: Guard = { sql: '1', binds: [] };
/** The one case each test tenant announces events about. */
const caseOf = (tenant: string) => `case_${tenant}`;

/** A tenant with subscriptions; each event announced fans out to the matching active ones. */
async function tenantWith(subscriptions: { eventTypes: string[]; active?: boolean; url?: string }[]) {
  const tenant = randomId('ten');
  const subs = subscriptions.map((s) => ({
    id: randomId('whs'),
    tenant_id: tenant,
    url: s.url ?? 'https://partner.example/hooks',
    event_types: JSON.stringify(s.eventTypes),
    secret: newWebhookSecret(),
    active: s.active === false ? 0 : 1,
    created_at: T0,
  }));
  await db.batch([
    ...insertRows(db, 'tenants', [tenantRow(tenant)]),
    ...casesWithCustomers(db, tenant, [caseOf(tenant)]),
    ...insertRows(db, 'webhook_subscriptions', subs),
  ]);
  return { tenant, subs };
}

function recordingSender(answer: (n: number) => SendResult) {
  const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
  const send: WebhookSender = async ({ url, headers, body }) => {
    calls.push({ url: url.href, headers, body });
    return answer(calls.length);
  };
  return { calls, send };
}

const deliveries = async (tenant: string) =>
  (
    await db
      .prepare(
        `SELECT id, subscription_id, event_type, status, attempts, next_attempt_at, last_status_code, last_error
         FROM webhook_deliveries WHERE tenant_id = ? ORDER BY event_type, subscription_id`,
      )
      .bind(tenant)
      .all<{
        id: string;
        subscription_id: string;
        event_type: string;
        status: string;
        attempts: number;
        next_attempt_at: number | null;
        last_status_code: number | null;
        last_error: string | null;
      }>()
  ).results;

async function announce(tenant: string, now: number, types: ('promise.kept' | 'plan.broken')[]) {
  const { statements, deliveryStatementIndexes } = announceStatements(db, runtimePorts(), {
    tenantId: tenant,
    sourceId: randomId('fu'),
    events: types.map((type) => ({ type, caseId: caseOf(tenant), data: { planId: 'plan_1' } })),
    now,
    guard: always,
  });
  const results = await db.batch(statements);
  return deliveryStatementIndexes
    .flatMap((i) => (results[i]?.results ?? []) as { id: string }[])
    .map((r) => r.id);
}

describe('outbound webhooks', () => {
  it('fans an event out to the active subscriptions whose filter matches, and to no other tenant', async () => {
    const { tenant, subs } = await tenantWith([
      { eventTypes: ['*'] },
      { eventTypes: ['promise.kept'] },
      { eventTypes: ['*'], active: false },
    ]);
    const other = await tenantWith([{ eventTypes: ['*'] }]);
    const created = await announce(tenant, T0, ['promise.kept', 'plan.broken']);
    expect(created).toHaveLength(3);
    expect((await deliveries(tenant)).map((d) => [d.event_type, d.subscription_id])).toEqual(
      [
        ['plan.broken', subs[0]?.id],
        ['promise.kept', subs[0]?.id],
        ['promise.kept', subs[1]?.id],
      ].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)),
    );
    expect(await deliveries(other.tenant)).toEqual([]);
  });

  it('signs each attempt the Standard Webhooks way, with the event id as webhook-id', async () => {
    const { tenant, subs } = await tenantWith([{ eventTypes: ['promise.kept'] }]);
    // Real time: the reference verifier checks the timestamp against the real clock.
    const now = Date.now();
    const [deliveryId] = await announce(tenant, now, ['promise.kept']);
    const sender = recordingSender(() => ({ statusCode: 204 }));
    const job = {
      type: 'webhook.deliver' as const,
      v: 1 as const,
      tenantId: tenant,
      deliveryId: deliveryId ?? '',
    };
    const outcome = await createWebhookDeliveryHandler(sender.send)(job, {
      env,
      d1: env.DB,
      ports: { ...runtimePorts(), now: () => now },
    });
    expect(outcome).toEqual({ kind: 'done' });
    const [call] = sender.calls;
    const payload = new Webhook(subs[0]?.secret ?? '').verify(call?.body ?? '', call?.headers ?? {}) as {
      type: string;
      data: { eventId: string };
    };
    expect(payload.type).toBe('promise.kept');
    expect(call?.headers['webhook-id']).toBe(payload.data.eventId);
    expect(await deliveries(tenant)).toMatchObject([
      { status: 'delivered', attempts: 1, last_status_code: 204 },
    ]);
    // A duplicate message finds the delivery settled and sends nothing.
    await createWebhookDeliveryHandler(sender.send)(job, {
      env,
      d1: env.DB,
      ports: { ...runtimePorts(), now: () => now },
    });
    expect(sender.calls).toHaveLength(1);
  });

  it('retries a failing partner on the backoff schedule for more than a day, then gives up; redelivery tries once more', async () => {
    const { tenant } = await tenantWith([{ eventTypes: ['plan.broken'] }]);
    const [deliveryId] = await announce(tenant, T0, ['plan.broken']);
    const sender = recordingSender((n) =>
      n <= MAX_DELIVERY_ATTEMPTS ? { statusCode: 503 } : { statusCode: 200 },
    );
    const deliverNow = createWebhookDeliveryHandler(sender.send);
    const clock = simClock(T0);
    const attemptsAt: number[] = [];
    let message = {
      type: 'webhook.deliver' as const,
      v: 1 as const,
      tenantId: tenant,
      deliveryId: deliveryId ?? '',
    };
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      attemptsAt.push(clock.now());
      await deliverNow(message, { env, d1: env.DB, ports: clock.ports });
      const [row] = await deliveries(tenant);
      if (row?.status !== 'pending') break;
      // Nothing is re-sent before the next attempt is due; then the cron's sweep dispatches it.
      clock.set((row.next_attempt_at ?? 0) - 1);
      expect(
        (await sweepDueTimers({ env, d1: env.DB }, clock.ports, simTiming)).deliveryMessages.filter(
          (m) => m.body.tenantId === tenant,
        ),
      ).toEqual([]);
      clock.set(row.next_attempt_at ?? 0);
      const [dispatched] = (
        await sweepDueTimers({ env, d1: env.DB }, clock.ports, simTiming)
      ).deliveryMessages.filter((m) => m.body.tenantId === tenant);
      message = dispatched?.body ?? message;
    }
    expect(attemptsAt.slice(1).map((at, i) => at - (attemptsAt[i] ?? 0))).toEqual([
      ...DELIVERY_RETRY_GAPS_MS,
    ]);
    expect((attemptsAt.at(-1) ?? 0) - T0).toBeGreaterThan(24 * 3_600_000);
    expect(await deliveries(tenant)).toMatchObject([
      { status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, last_status_code: 503, next_attempt_at: null },
    ]);

    clock.set(clock.now() + 3_600_000);
    expect(
      await redeliverWebhook(db, env.JOBS, {
        tenantId: tenant,
        deliveryId: deliveryId ?? '',
        now: clock.now(),
      }),
    ).toEqual({ deliveryId });
    await deliverNow(message, { env, d1: env.DB, ports: clock.ports });
    expect(await deliveries(tenant)).toMatchObject([
      { status: 'delivered', attempts: MAX_DELIVERY_ATTEMPTS + 1, last_status_code: 200 },
    ]);
  });

  it('re-sends a dispatched delivery whose message was lost once its lease runs out', async () => {
    const { tenant } = await tenantWith([{ eventTypes: ['plan.broken'] }]);
    const [deliveryId] = await announce(tenant, T0, ['plan.broken']);
    const clock = simClock(T0 + DISPATCH_LEASE_MS - 1);
    const mine = async () =>
      (await sweepDueTimers({ env, d1: env.DB }, clock.ports, simTiming)).deliveryMessages.filter(
        (m) => m.body.tenantId === tenant,
      );
    expect(await mine()).toEqual([]);
    clock.set(T0 + DISPATCH_LEASE_MS);
    expect(await mine()).toEqual([
      { body: { type: 'webhook.deliver', v: 1, tenantId: tenant, deliveryId }, delaySeconds: 0 },
    ]);
  });
});
