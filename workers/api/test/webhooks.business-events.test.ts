/**
 * Events back to core banking. Every business event type is caused through the real routes (a visit
 * booked, a check-in, an outcome with a promise, a plan proposed and accepted, a visit plan published,
 * intake curing and closing cases), delivered over real HTTP to a receiver outside workerd, and
 * verified there with the official `standardwebhooks` library; its `data` follows the catalogue's
 * schema and carries the bank's own numbers. A test ping is signed the same way. A fact is announced
 * once however often its write runs, and not at all when the write is refused.
 */
import { env, SELF } from 'cloudflare:test';
import {
  BUSINESS_EVENT_TYPES,
  EVENT_CATALOGUE,
  EVENT_CONTEXT_FIELDS,
  OUTBOUND_EVENT_TYPES,
  type OutboundEventType,
} from '@doorstep/follow-up-engine';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runtimePorts } from '../src/ports/runtime';
import { createWebhookDeliveryHandler } from '../src/webhooks/deliver-job';
import { announceStatements } from '../src/webhooks/outbox';
import { atServerTime } from './fixtures/clock';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { event, newSecret, signedFetch } from './intake.helpers';

const receiver = inject('webhookReceiver');
const CHECKLIST = ['show_staff_id', 'state_name_and_bank', 'confirm_right_party', 'state_purpose'].map(
  (item) => ({ item, confirmed: true }),
);

interface Arrived {
  headers: Record<string, string>;
  body: string;
}
interface Envelope {
  type: string;
  version: number;
  timestamp: string;
  data: Record<string, unknown> & { eventId: string; caseId: string | null };
}

const inbox = (name: string) => `${receiver}/${name}-${crypto.randomUUID()}`;
const arrivedAt = async (url: string) => (await fetch(url)).json<Arrived[]>();

async function subscribe(f: FixtureTenant, url: string, eventTypes: string[] = ['*']) {
  const response = await call(f.keys.admin, 'POST', '/v1/webhook-subscriptions', {
    body: { url, eventTypes },
  });
  expect(response.status).toBe(201);
  return response.json<{ subscription: { id: string }; secret: string }>();
}

/**
 * Attempts every delivery of the tenant still pending, as the queue consumer does (real `fetch` to the
 * subscription URL); one the runtime's own consumer already took is not sent twice.
 */
async function deliverPending(tenantId: string) {
  const { results } = await env.DB.prepare(
    `SELECT id FROM webhook_deliveries WHERE tenant_id = ? AND status = 'pending'`,
  )
    .bind(tenantId)
    .all<{ id: string }>();
  const handle = createWebhookDeliveryHandler();
  for (const { id } of results)
    await handle(
      { type: 'webhook.deliver', v: 1, tenantId, deliveryId: id },
      { env, d1: env.DB, ports: runtimePorts() },
    );
}

let f: FixtureTenant;
let subscription: { subscription: { id: string }; secret: string };
let url: string;
let planId: string;
let scheduledVisit: string;
const intakeSecret = newSecret();
const accountOf = (customerId: string) => customerId.replace('cus_', 'acc_');
/** Core banking reports case A's whole debt paid. */
const paymentCuringA = () =>
  event('payment.received', '2026-11-05T03:00:00Z', {
    paymentRef: `P-${f.tenantId}`,
    accountRef: accountOf(f.customerA),
    amountMinor: 320000,
    currency: 'CNY',
    paidAt: '2026-11-05T03:00:00Z',
  });

beforeAll(async () => {
  f = await createFixtureTenant('bizev');
  url = inbox('business');
  subscription = await subscribe(f, url);
});

describe('business events back to core banking', () => {
  it('every type, caused by the real routes, arrives signed and verifies with standardwebhooks', async () => {
    // A visit booked by hand: two staff, 10:00–11:00 in Shanghai two days ahead.
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000;
    const window = {
      start: new Date(day + 2 * 3_600_000).toISOString(),
      end: new Date(day + 3 * 3_600_000).toISOString(),
    };
    const booked = await call(f.keys.supervisor, 'POST', '/v1/visits', {
      body: { caseId: f.caseB, purpose: 'understand_situation', agentIds: [f.agentA2, f.agentA1], window },
    });
    expect(booked.status, await booked.clone().text()).toBe(201);
    scheduledVisit = (await booked.json<{ id: string }>()).id;

    // At the door of case A: check-in, then the outcome with a promise.
    const read = await call(f.keys.agent, 'GET', `/v1/visits/${f.visitA1}`);
    const checkedIn = await atServerTime('2026-11-02T02:05:00.000Z', () =>
      call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/check-in`, {
        body: { at: '2026-11-02T02:05:00.000Z', lat: 22.541, lon: 114.052 },
        headers: { 'If-Match': read.headers.get('ETag') ?? '' },
      }),
    );
    expect(checkedIn.status).toBe(200);
    const recorded = await atServerTime('2026-11-02T02:40:00.000Z', () =>
      call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/outcome`, {
        body: {
          contactResult: 'customer_met',
          checklist: CHECKLIST,
          hardshipReasons: ['job_loss'],
          willingness: 4,
          monthlyAbilityToPay: { amountMinor: 80000, currency: 'CNY' },
          satisfaction: 4,
          promiseToPay: { amount: { amountMinor: 50000, currency: 'CNY' }, dueDate: '2026-11-20' },
        },
        headers: { 'If-Match': checkedIn.headers.get('ETag') ?? '' },
      }),
    );
    expect(recorded.status, await recorded.clone().text()).toBe(200);

    // A plan within her means, proposed and accepted on a call.
    const proposed = await call(f.keys.supervisor, 'POST', `/v1/cases/${f.caseA}/repayment-plans`, {
      body: { monthlyAbilityToPay: { amountMinor: 80000, currency: 'CNY' } },
    });
    expect(proposed.status, await proposed.clone().text()).toBe(201);
    const plan = await proposed.json<{ id: string }>();
    const accepted = await call(f.keys.supervisor, 'POST', `/v1/repayment-plans/${plan.id}/accept`, {
      body: { channel: 'call', checklist: CHECKLIST },
      headers: { 'If-Match': proposed.headers.get('ETag') ?? '' },
    });
    expect(accepted.status, await accepted.clone().text()).toBe(200);

    // A solved (draft) visit plan with one visit, published by a supervisor.
    planId = `vpl_${f.tenantId}`;
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO visit_plans (id, tenant_id, date, region_id, status, agent_ids, created_at)
         VALUES (?, ?, '2026-11-04', 'reg_futian', 'draft', ?, 0)`,
      ).bind(planId, f.tenantId, JSON.stringify([f.agentA2, f.agentA1])),
      env.DB.prepare(
        `INSERT INTO visits (id, tenant_id, case_id, plan_id, purpose, agent_ids, lead_agent_id, window_start, window_end,
           route_order, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'understand_situation', ?, ?, ?, ?, 1, 'planned', 0, 0)`,
      ).bind(
        `vis_${f.tenantId}_planned`,
        f.tenantId,
        f.caseB,
        planId,
        JSON.stringify([f.agentA2, f.agentA1]),
        f.agentA2,
        Date.parse('2026-11-04T02:00:00Z'),
        Date.parse('2026-11-04T03:00:00Z'),
      ),
    ]);
    const published = await call(f.keys.supervisor, 'POST', `/v1/visit-plans/${planId}/publish`);
    expect(published.status, await published.clone().text()).toBe(200);

    // Core banking reports case A's debt paid and case B's account closed.
    await env.DB.prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 0)')
      .bind(`isec_${f.tenantId}`, f.tenantId, intakeSecret)
      .run();
    const intake = await signedFetch('/v1/intake/events', {
      tenantId: f.tenantId,
      secrets: [intakeSecret],
      body: JSON.stringify([
        paymentCuringA(),
        event('account.closed', '2026-11-05T04:00:00Z', {
          accountRef: accountOf(f.customerB),
          closedAt: '2026-11-05T04:00:00Z',
        }),
      ]),
    });
    expect(intake.status, await intake.clone().text()).toBe(200);

    await deliverPending(f.tenantId);
    const arrived = await arrivedAt(url);
    const hook = new Webhook(subscription.secret);
    const verified = arrived.map(({ headers, body }) => {
      const payload = hook.verify(body, headers) as Envelope;
      expect(headers['webhook-id']).toBe(payload.data.eventId);
      return payload;
    });
    const types = verified.map((payload) => payload.type);
    expect(new Set(types)).toEqual(new Set(BUSINESS_EVENT_TYPES));

    for (const payload of verified) {
      const definition = EVENT_CATALOGUE[payload.type as OutboundEventType];
      expect(payload.version).toBe(definition.version);
      const parsed = definition.data.extend(EVENT_CONTEXT_FIELDS.shape).strict().safeParse(payload.data);
      expect(parsed.error?.issues ?? [], payload.type).toEqual([]);
      if (payload.data.caseId !== null)
        expect(payload.data).toMatchObject({
          customerRef: expect.any(String),
          accountRef: expect.any(String),
        });
    }
    const of = (type: string) => verified.filter((payload) => payload.type === type).map((p) => p.data);
    expect(of('visit.scheduled')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ visitId: scheduledVisit, planId: null, window }),
        expect.objectContaining({ visitId: `vis_${f.tenantId}_planned`, planId }),
      ]),
    );
    expect(of('visit.checked_in')).toEqual([
      expect.objectContaining({ visitId: f.visitA1, at: '2026-11-02T02:05:00.000Z', caseId: f.caseA }),
    ]);
    expect(of('promise.made')).toEqual([
      expect.objectContaining({
        amountMinor: 50000,
        dueDate: '2026-11-20',
        visitId: f.visitA1,
        channel: 'visit',
      }),
    ]);
    expect(of('plan.accepted')).toEqual([expect.objectContaining({ planId: plan.id })]);
    expect(of('visit_plan.published')).toEqual([
      expect.objectContaining({ planId, date: '2026-11-04', visits: 1, caseId: null }),
    ]);
    expect(of('case.cured')).toEqual([
      expect.objectContaining({
        caseId: f.caseA,
        customerRef: f.customerA,
        accountRef: accountOf(f.customerA),
      }),
    ]);
    expect(of('case.closed')).toEqual([expect.objectContaining({ caseId: f.caseB, overdueMinor: 320000 })]);
  });

  it('announces each fact once: a replayed request, a redelivered intake event and a repeated publish add nothing', async () => {
    const count = async () =>
      (
        await env.DB.prepare('SELECT count(*) AS n FROM outbound_events WHERE tenant_id = ?')
          .bind(f.tenantId)
          .first<{ n: number }>()
      )?.n;
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(BUSINESS_EVENT_TYPES.length);
    // The same publish again: the plan is no longer a draft (409), and nothing is announced.
    expect((await call(f.keys.supervisor, 'POST', `/v1/visit-plans/${planId}/publish`)).status).toBe(409);
    expect(await count()).toBe(before);

    // Core banking sends the payment again under another webhook id: a duplicate, no second cure.
    const redelivered = await signedFetch('/v1/intake/events', {
      tenantId: f.tenantId,
      secrets: [intakeSecret],
      body: JSON.stringify(paymentCuringA()),
    });
    expect((await redelivered.json<{ results: { outcome: string }[] }>()).results[0]?.outcome).toBe(
      'duplicate',
    );
    expect(await count()).toBe(before);

    // The same fact announced by two writes (a retried write that runs again): recorded and fanned out once.
    const again = () =>
      announceStatements(env.DB, runtimePorts(), {
        tenantId: f.tenantId,
        sourceId: f.visitA1,
        events: [
          {
            type: 'visit.completed',
            caseId: f.caseA,
            data: {
              visitId: f.visitA1,
              completedAt: '2026-11-02T02:40:00.000Z',
              contactResult: 'customer_met',
            },
            dedupeKey: `visit.completed:${f.visitA1}`,
          },
        ],
        now: Date.now(),
        guard: { sql: '1', binds: [] },
      });
    const replayed = await env.DB.batch(again().statements);
    expect(replayed.at(-1)?.results).toEqual([]);
    expect(await count()).toBe(before);
    const deliveries = await env.DB.prepare(
      `SELECT event_id, count(*) AS n FROM webhook_deliveries WHERE tenant_id = ? GROUP BY event_id HAVING n > 1`,
    )
      .bind(f.tenantId)
      .all();
    expect(deliveries.results).toEqual([]);
  });

  it('a write refused by its version guard announces nothing', async () => {
    const tenant = await createFixtureTenant('bizevstale');
    await subscribe(tenant, inbox('stale'));
    const stale = await atServerTime('2026-11-02T02:05:00.000Z', () =>
      call(tenant.keys.agent, 'POST', `/v1/visits/${tenant.visitA1}/check-in`, {
        body: { at: '2026-11-02T02:05:00.000Z', lat: 22.541, lon: 114.052 },
        headers: { 'If-Match': '"7"' },
      }),
    );
    expect(stale.status).toBe(412);
    const events = await env.DB.prepare('SELECT count(*) AS n FROM outbound_events WHERE tenant_id = ?')
      .bind(tenant.tenantId)
      .first<{ n: number }>();
    expect(events?.n).toBe(0);
  });
});

describe('the OpenAPI document', () => {
  it('lists every outbound event type and the ping in `webhooks`, each with its versioned envelope', async () => {
    const document = await (await SELF.fetch('https://api.test/openapi.json')).json<{
      webhooks: Record<
        string,
        {
          post: {
            operationId: string;
            requestBody: { content: Record<string, { schema: { $ref: string } }> };
          };
        }
      >;
      components: {
        schemas: Record<
          string,
          { properties: { version: { enum: number[] }; data: { required: string[] } } }
        >;
      };
    }>();
    expect(Object.keys(document.webhooks).sort()).toEqual([...OUTBOUND_EVENT_TYPES, 'webhook.test'].sort());
    for (const type of OUTBOUND_EVENT_TYPES) {
      const ref = document.webhooks[type]?.post.requestBody.content['application/json']?.schema.$ref ?? '';
      const envelope = document.components.schemas[ref.replace('#/components/schemas/', '')];
      expect(envelope?.properties.version.enum, type).toEqual([EVENT_CATALOGUE[type].version]);
      expect(envelope?.properties.data.required, type).toEqual(
        expect.arrayContaining([
          ...Object.entries(EVENT_CATALOGUE[type].data.shape)
            .filter(
              ([, field]) =>
                !(field as { safeParse: (v: unknown) => { success: boolean } }).safeParse(undefined).success,
            )
            .map(([name]) => name),
          'eventId',
          'caseId',
        ]),
      );
    }
  });
});

describe('POST /v1/webhook-subscriptions/{id}/test', () => {
  it('sends a signed ping the endpoint verifies with standardwebhooks, and says what it answered', async () => {
    const target = inbox('ping');
    const created = await subscribe(f, target, ['visit.scheduled']);
    const response = await call(
      f.keys.admin,
      'POST',
      `/v1/webhook-subscriptions/${created.subscription.id}/test`,
    );
    expect(response.status).toBe(200);
    const result = await response.json<{ eventId: string; delivered: boolean; statusCode: number }>();
    expect(result).toMatchObject({ delivered: true, statusCode: 204, error: null });

    const [arrived, ...more] = await arrivedAt(target);
    expect(more).toEqual([]);
    const payload = new Webhook(created.secret).verify(arrived!.body, arrived!.headers) as Envelope;
    expect(payload).toMatchObject({
      type: 'webhook.test',
      version: 1,
      data: { eventId: result.eventId, subscriptionId: created.subscription.id },
    });
    // The signature covers the body: one changed byte and the library refuses it.
    expect(() =>
      new Webhook(created.secret).verify(arrived!.body.replace('test', 'tesT'), arrived!.headers),
    ).toThrow();
    expect(() => new Webhook(newSecret()).verify(arrived!.body, arrived!.headers)).toThrow();
  });

  it('reports an endpoint that fails or does not answer, refuses a stopped subscription, hides another tenant’s', async () => {
    const failing = await subscribe(f, `${inbox('fail')}?status=503`);
    const failed = await call(
      f.keys.admin,
      'POST',
      `/v1/webhook-subscriptions/${failing.subscription.id}/test`,
    );
    expect(await failed.json()).toMatchObject({ delivered: false, statusCode: 503, error: null });

    // Port 9 (discard) on loopback: nothing listens there in the test environment.
    const silent = await subscribe(f, 'http://127.0.0.1:9/hooks');
    const unanswered = await call(
      f.keys.admin,
      'POST',
      `/v1/webhook-subscriptions/${silent.subscription.id}/test`,
    );
    expect(await unanswered.json()).toMatchObject({
      delivered: false,
      statusCode: null,
      error: expect.any(String),
    });

    await call(f.keys.admin, 'DELETE', `/v1/webhook-subscriptions/${silent.subscription.id}`);
    expect(
      (await call(f.keys.admin, 'POST', `/v1/webhook-subscriptions/${silent.subscription.id}/test`)).status,
    ).toBe(409);
    const other = await createFixtureTenant('bizevother');
    expect(
      (await call(other.keys.admin, 'POST', `/v1/webhook-subscriptions/${failing.subscription.id}/test`))
        .status,
    ).toBe(404);
  });
});
