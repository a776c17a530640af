/**
 * Every write operation of the API declares how it stands to compliance (`src/compliance/write-paths.ts`),
 * and every operation declared `visit` refuses a visit the tenant's pack forbids. A new write route
 * fails here until it is declared; a `visit` declaration without a refusal case here fails too.
 *
 * Every follow-up kind and every outbound event type has a compliance stance (`FOLLOW_UP_STANCES`,
 * `EVENT_STANCES`: channel and purpose), and every pack judges it when it fires: a kind or type added
 * without one fails to compile, and fails here if the table is bypassed.
 */
import { env, SELF } from 'cloudflare:test';
import { combineCompliance, compliancePacks, judgeAction } from '@doorstep/compliance';
import {
  type ActionStance,
  type CustomerFlags,
  type EventStance,
  FOLLOW_UP_STANCES,
  FollowUpKindSchema,
  instantiatePolicy,
  isRecordStance,
  NO_CUSTOMER_FLAGS,
  type VisitQuery,
} from '@doorstep/core';
import { aCase, aCustomer, aTenant } from '@doorstep/core/testing';
import { BUSINESS_EVENT_TYPES, EVENT_STANCES, OUTBOUND_EVENT_TYPES } from '@doorstep/follow-up-engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCompliance } from '../src/compliance/write-paths';
import { randomId } from '../src/ports/runtime';
import { createWebhookDeliveryHandler } from '../src/webhooks/deliver-job';
import { atServerTime } from './fixtures/clock';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import {
  announced,
  caseRow,
  customerRow,
  insertRows,
  simClock,
  subscriptionRow,
  T0,
  tenantRow,
} from './follow-ups.fixtures';

let f: FixtureTenant;
/** A visit planned for 22:30–24:00 in Shanghai, so the agent can arrive on time and still be too late. */
const NIGHT_VISIT = 'vis_ccov_night';

beforeAll(async () => {
  f = await createFixtureTenant('ccov');
  await env.DB.prepare(
    `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, lead_agent_id, window_start, window_end, status, created_at, updated_at)
     VALUES (?, ?, ?, 'understand_situation', ?, ?, ?, ?, 'planned', 0, 0)`,
  )
    .bind(
      NIGHT_VISIT,
      f.tenantId,
      f.caseA,
      JSON.stringify([f.agentA1, `${f.agentA1}_partner`]),
      f.agentA1,
      Date.parse('2026-11-02T14:30:00Z'),
      Date.parse('2026-11-02T16:00:00Z'),
    )
    .run();
});

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

interface Refusal {
  request: (f: FixtureTenant) => { key: string; path: string; body: unknown; ifMatch?: boolean };
  rule: string;
  /** The server's clock for the request (compliance judges a check-in at the server's time). */
  serverTime?: string;
}

/** For each `visit` operation, a request the fixture's CN tenant must refuse, and the rule that refuses it. */
const refusals: Record<string, Refusal> = {
  'POST /v1/visits': {
    request: (f) => ({
      key: f.keys.supervisor,
      path: '/v1/visits',
      body: {
        caseId: f.caseA,
        purpose: 'verify_address',
        agentIds: [f.agentA1],
        window: { start: '2026-11-03T02:00:00.000Z', end: '2026-11-03T03:00:00.000Z' },
      },
    }),
    rule: 'two-staff',
  },
  'POST /v1/visits/{visitId}/check-in': {
    // 23:00 in Shanghai, on time for the visit and by both clocks.
    request: (f) => ({
      key: f.keys.agent,
      path: `/v1/visits/${NIGHT_VISIT}/check-in`,
      body: { at: '2026-11-02T15:00:00.000Z', lat: 22.54, lon: 114.05 },
      ifMatch: true,
    }),
    rule: 'contact-hours',
    serverTime: '2026-11-02T15:00:20.000Z',
  },
  'POST /v1/visits/{visitId}/reschedule': {
    // 23:00–23:45 in Shanghai: a team of two, but after the quiet hours begin.
    request: (f) => ({
      key: f.keys.supervisor,
      path: `/v1/visits/${f.visitA1}/reschedule`,
      body: { window: { start: '2026-11-02T15:00:00.000Z', end: '2026-11-02T15:45:00.000Z' } },
      ifMatch: true,
    }),
    rule: 'contact-hours',
  },
  'POST /v1/visits/{visitId}/reassign': {
    request: (f) => ({
      key: f.keys.supervisor,
      path: `/v1/visits/${f.visitA1}/reassign`,
      body: { agentIds: [f.agentA2] },
      ifMatch: true,
    }),
    rule: 'two-staff',
  },
  'POST /v1/visits/{visitId}/outcome': {
    request: (f) => ({
      key: f.keys.agent,
      path: `/v1/visits/${f.visitA1}/outcome`,
      body: {
        contactResult: 'third_party_only',
        checklist: [{ item: 'no_disclosure_to_third_parties', confirmed: false }],
        willingness: null,
        monthlyAbilityToPay: null,
        satisfaction: null,
      },
      ifMatch: true,
    }),
    rule: 'third-party-disclosure',
  },
};

describe('compliance coverage of write operations', () => {
  it('every POST/PUT/PATCH/DELETE of the OpenAPI document is declared, and nothing else is', async () => {
    const document = await (await SELF.fetch('https://api.test/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const writes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => WRITE_METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(writes.length).toBeGreaterThan(10);
    expect(writes.filter((write) => !(write in writeCompliance))).toEqual([]);
    expect(Object.keys(writeCompliance).filter((declared) => !writes.includes(declared))).toEqual([]);
  });

  it('every operation declared `visit` has a refusal case below', () => {
    const visitWrites = Object.entries(writeCompliance)
      .filter(([, declaration]) => declaration === 'visit')
      .map(([operation]) => operation);
    expect(visitWrites.sort()).toEqual(Object.keys(refusals).sort());
  });

  for (const [operation, refusal] of Object.entries(refusals))
    it(`${operation} refuses what the pack forbids (${refusal.rule})`, async () => {
      const { key, path, body, ifMatch } = refusal.request(f);
      const send = () => call(key, 'POST', path, { body, headers: ifMatch ? { 'If-Match': '"1"' } : {} });
      const response = await (refusal.serverTime ? atServerTime(refusal.serverTime, send) : send());
      expect(response.status).toBe(422);
      const problem = await response.json<{ code: string; vetoes: { rule: string }[] }>();
      expect(problem.code).toBe('VISIT.COMPLIANCE_VETO');
      expect(problem.vetoes.map((veto) => veto.rule)).toContain(refusal.rule);
    });
});

describe('compliance coverage of follow-up kinds and outbound event types', () => {
  it('every follow-up kind has a stance, and every stance a kind', () => {
    expect(Object.keys(FOLLOW_UP_STANCES).sort()).toEqual([...FollowUpKindSchema.options].sort());
  });

  it('every outbound event type has a stance, and every stance a type', () => {
    expect(Object.keys(EVENT_STANCES).sort()).toEqual([...OUTBOUND_EVENT_TYPES].sort());
  });

  const eventStances: [string, EventStance][] = Object.entries(EVENT_STANCES);
  /** The business events back to core banking: records that reach no customer, never judged. */
  const recordTypes = eventStances.filter(([, stance]) => isRecordStance(stance)).map(([type]) => type);
  const contactTypes = OUTBOUND_EVENT_TYPES.filter((type) => !recordTypes.includes(type));

  it('records are exactly the business events for core banking, and each says it reaches no customer', () => {
    expect(recordTypes.sort()).toEqual([...BUSINESS_EVENT_TYPES].sort());
    for (const [type, stance] of eventStances)
      if (isRecordStance(stance)) expect(stance.why, type).toMatch(/reaches no customer/);
  });

  const stances: [string, ActionStance][] = [
    ...Object.entries(FOLLOW_UP_STANCES).map(([kind, stance]): [string, ActionStance] => [
      `kind ${kind}`,
      stance,
    ]),
    ...eventStances.flatMap(([type, stance]): [string, ActionStance][] =>
      isRecordStance(stance) ? [] : [[`event ${type}`, stance]],
    ),
  ];
  const query = (flags: Partial<CustomerFlags>): Omit<VisitQuery, 'staff' | 'interval'> => ({
    tenant: aTenant(),
    customer: aCustomer({ flags: { ...NO_CUSTOMER_FLAGS, ...flags } }),
    case: aCase(),
    history: { visits: [] },
  });
  const at = '2030-01-09T02:00:00.000Z';

  for (const pack of compliancePacks)
    it(`${pack.id}: every stance is barred for a deceased customer, collection alone for a vulnerable one`, () => {
      const resolved = instantiatePolicy(pack, undefined);
      if (!resolved.ok) throw new Error(pack.id);
      const compliance = combineCompliance([resolved.value.fns]);
      for (const [name, stance] of stances) {
        const allowed = (flags: Partial<CustomerFlags>) =>
          judgeAction(compliance, query(flags), stance, at).allowed;
        expect({
          name,
          deceased: allowed({ deceased: true }),
          vulnerable: allowed({ vulnerability: { kind: 'health' } }),
          nobody: allowed({}),
        }).toEqual({ name, deceased: false, vulnerable: stance.purpose === 'supportive', nobody: true });
      }
    });

  it('every event a partner acts on is suppressed at delivery for a customer flagged since it was recorded; every record for core banking is sent', async () => {
    const tenant = randomId('ten');
    const caseId = `case_cov_${tenant}`;
    await env.DB.batch([
      ...insertRows(env.DB, 'tenants', [tenantRow(tenant)]),
      ...insertRows(env.DB, 'customers', [customerRow(tenant, caseId, { bankruptcy: true })]),
      ...insertRows(env.DB, 'cases', [caseRow(tenant, caseId)]),
      ...insertRows(env.DB, 'webhook_subscriptions', [subscriptionRow(tenant)]),
    ]);
    const ids = await announced(
      env.DB,
      tenant,
      OUTBOUND_EVENT_TYPES.map((type) => ({ type, caseId, data: {} })),
    );
    expect(ids).toHaveLength(OUTBOUND_EVENT_TYPES.length);
    let sent = 0;
    const handle = createWebhookDeliveryHandler(async () => {
      sent += 1;
      return { statusCode: 204 };
    });
    for (const deliveryId of ids)
      await handle(
        { type: 'webhook.deliver', v: 1, tenantId: tenant, deliveryId },
        { env, d1: env.DB, ports: simClock(T0 + 1_000).ports },
      );
    expect(sent).toBe(recordTypes.length);
    const statuses = await env.DB.prepare(
      `SELECT event_type, status FROM webhook_deliveries WHERE tenant_id = ? ORDER BY event_type`,
    )
      .bind(tenant)
      .all<{ event_type: string; status: string }>();
    expect(statuses.results).toEqual(
      [...OUTBOUND_EVENT_TYPES].sort().map((type) => ({
        event_type: type,
        status: contactTypes.includes(type) ? 'suppressed' : 'delivered',
      })),
    );
  });
});
