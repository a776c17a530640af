/**
 * The authorization matrix: every partner route × every role × own / other agency / other tenant.
 * The routes come from the app's registry, so a new route without an entry here fails the first test.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { partnerRoutes } from './fixtures/contract';
import { call, createFixtureTenant, type FixtureKey, type FixtureTenant } from './fixtures/tenant';

const KEYS: FixtureKey[] = ['admin', 'supervisor', 'analyst', 'agency', 'agent'];

const checkIn = { at: '2026-11-02T02:10:00.000Z', lat: 22.54, lon: 114.05 };
const outcome = {
  contactResult: 'customer_met',
  checklist: [{ item: 'show_staff_id', confirmed: true }],
  willingness: 4,
  monthlyAbilityToPay: { amountMinor: 100000, currency: 'CNY' },
  satisfaction: 4,
};

/**
 * How to call a route. `own` targets an object the agency A / agent A1 keys may see; writes send a
 * body that fails validation (or an unknown id), so an authorized role answers 422/404 and nothing
 * changes. `foreign` targets an object of another tenant with a valid request: allowed roles get 404.
 * `otherAgency` targets an object of agency B: agency and agent keys get 404 where they may read.
 */
interface Entry {
  own: (f: FixtureTenant) => { path: string; body?: unknown; ifMatch?: boolean };
  ok: number;
  foreign?: (o: FixtureTenant) => { path: string; body?: unknown; ifMatch?: boolean };
  otherAgency?: (f: FixtureTenant) => string;
}

const matrix: Record<string, Entry> = {
  'GET /v1/cases': { own: () => ({ path: '/v1/cases' }), ok: 200 },
  'GET /v1/cases/{caseId}': {
    own: (f) => ({ path: `/v1/cases/${f.caseA}` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/cases/${o.caseA}` }),
    otherAgency: (f) => `/v1/cases/${f.caseB}`,
  },
  'GET /v1/cases/{caseId}/dossier': {
    own: (f) => ({ path: `/v1/cases/${f.caseA}/dossier` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/cases/${o.caseA}/dossier` }),
    otherAgency: (f) => `/v1/cases/${f.caseB}/dossier`,
  },
  'GET /v1/customers': { own: () => ({ path: '/v1/customers' }), ok: 200 },
  'GET /v1/customers/{customerId}': {
    own: (f) => ({ path: `/v1/customers/${f.customerA}` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/customers/${o.customerA}` }),
    otherAgency: (f) => `/v1/customers/${f.customerB}`,
  },
  'GET /v1/customer-refs/{customerRef}': {
    own: (f) => ({ path: `/v1/customer-refs/${f.customerA}` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/customer-refs/${o.customerA}` }),
    otherAgency: (f) => `/v1/customer-refs/${f.customerB}`,
  },
  'POST /v1/customers/lookup': { own: () => ({ path: '/v1/customers/lookup', body: {} }), ok: 422 },
  'GET /v1/accounts/{accountId}': {
    own: (f) => ({ path: `/v1/accounts/${f.customerA.replace('cus_', 'acc_')}` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/accounts/${o.customerA.replace('cus_', 'acc_')}` }),
    otherAgency: (f) => `/v1/accounts/${f.customerB.replace('cus_', 'acc_')}`,
  },
  'GET /v1/account-refs/{accountRef}': {
    own: (f) => ({ path: `/v1/account-refs/${f.customerA.replace('cus_', 'acc_')}` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/account-refs/${o.customerA.replace('cus_', 'acc_')}` }),
    otherAgency: (f) => `/v1/account-refs/${f.customerB.replace('cus_', 'acc_')}`,
  },
  'POST /v1/webhook-subscriptions/{subscriptionId}/test': {
    own: () => ({ path: '/v1/webhook-subscriptions/whs_none/test' }),
    ok: 404,
  },
  'POST /v1/accounts/lookup': { own: () => ({ path: '/v1/accounts/lookup', body: {} }), ok: 422 },
  'GET /v1/customers/{customerId}/timeline': {
    own: (f) => ({ path: `/v1/customers/${f.customerA}/timeline` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/customers/${o.customerA}/timeline` }),
    otherAgency: (f) => `/v1/customers/${f.customerB}/timeline`,
  },
  'GET /v1/visits': { own: () => ({ path: '/v1/visits' }), ok: 200 },
  'GET /v1/visits/{visitId}': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/visits/${o.visitA1}` }),
    otherAgency: (f) => `/v1/visits/${f.visitA2}`,
  },
  'POST /v1/visits': {
    own: () => ({ path: '/v1/visits', body: {} }),
    ok: 422,
    foreign: (o) => ({
      path: '/v1/visits',
      body: {
        caseId: o.caseA,
        purpose: 'verify_address',
        agentIds: [o.agentA1],
        window: { start: '2026-11-03T01:00:00.000Z', end: '2026-11-03T02:00:00.000Z' },
      },
    }),
  },
  'POST /v1/visits/{visitId}/check-in': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/check-in`, body: {}, ifMatch: true }),
    ok: 422,
    foreign: (o) => ({ path: `/v1/visits/${o.visitA1}/check-in`, body: checkIn, ifMatch: true }),
  },
  'POST /v1/visits/{visitId}/outcome': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/outcome`, body: {}, ifMatch: true }),
    ok: 422,
    foreign: (o) => ({ path: `/v1/visits/${o.visitA1}/outcome`, body: outcome, ifMatch: true }),
  },
  'GET /v1/agents': { own: () => ({ path: '/v1/agents' }), ok: 200 },
  'GET /v1/agents/{agentId}': {
    own: (f) => ({ path: `/v1/agents/${f.agentA1}` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/agents/${o.agentA1}` }),
    otherAgency: (f) => `/v1/agents/${f.agentA2}`,
  },
  'POST /v1/agents': { own: () => ({ path: '/v1/agents', body: {} }), ok: 422 },
  'PATCH /v1/agents/{agentId}': {
    own: (f) => ({ path: `/v1/agents/${f.agentA1}`, body: {}, ifMatch: true }),
    ok: 422,
    foreign: (o) => ({ path: `/v1/agents/${o.agentA1}`, body: { dailyCapacity: 3 }, ifMatch: true }),
  },
  'GET /v1/api-keys': { own: () => ({ path: '/v1/api-keys' }), ok: 200 },
  'POST /v1/api-keys': { own: () => ({ path: '/v1/api-keys', body: {} }), ok: 422 },
  'POST /v1/api-keys/{keyId}/revoke': {
    own: (f) => ({ path: `/v1/api-keys/${f.keyIds.analyst}/revoke`, body: {} }),
    ok: 422,
    foreign: (o) => ({ path: `/v1/api-keys/${o.keyIds.analyst}/revoke`, body: { reason: 'matrix' } }),
  },
  'POST /v1/api-keys/{keyId}/rotate': {
    own: () => ({ path: '/v1/api-keys/key_does_not_exist/rotate' }),
    ok: 404,
    foreign: (o) => ({ path: `/v1/api-keys/${o.keyIds.analyst}/rotate` }),
  },
  'GET /v1/audit': { own: () => ({ path: '/v1/audit' }), ok: 200 },
  'GET /v1/policy-set': { own: () => ({ path: '/v1/policy-set' }), ok: 200 },
  'GET /v1/policy-set/versions': { own: () => ({ path: '/v1/policy-set/versions' }), ok: 200 },
  'GET /v1/policy-set/plugins': { own: () => ({ path: '/v1/policy-set/plugins' }), ok: 200 },
  'POST /v1/policy-set/validate': { own: () => ({ path: '/v1/policy-set/validate', body: {} }), ok: 422 },
  'POST /v1/policy-set/versions': { own: () => ({ path: '/v1/policy-set/versions', body: {} }), ok: 422 },
  'POST /v1/cases/{caseId}/repayment-plans': {
    own: (f) => ({ path: `/v1/cases/${f.caseA}/repayment-plans`, body: {} }),
    ok: 422,
    foreign: (o) => ({
      path: `/v1/cases/${o.caseA}/repayment-plans`,
      body: { monthlyAbilityToPay: { amountMinor: 100000, currency: 'CNY' } },
    }),
  },
  'POST /v1/repayment-plans/{planId}/accept': {
    own: () => ({ path: '/v1/repayment-plans/plan_none/accept', body: {}, ifMatch: true }),
    ok: 422,
  },
  'GET /v1/repayment-plans/{planId}': { own: () => ({ path: '/v1/repayment-plans/plan_none' }), ok: 404 },
  'GET /v1/cases/{caseId}/follow-ups': {
    own: (f) => ({ path: `/v1/cases/${f.caseA}/follow-ups` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/cases/${o.caseA}/follow-ups` }),
    otherAgency: (f) => `/v1/cases/${f.caseB}/follow-ups`,
  },
  'GET /v1/cases/{caseId}/screening-decisions': {
    own: (f) => ({ path: `/v1/cases/${f.caseA}/screening-decisions` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/cases/${o.caseA}/screening-decisions` }),
    otherAgency: (f) => `/v1/cases/${f.caseB}/screening-decisions`,
  },
  'GET /v1/visits/{visitId}/overrides': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/overrides` }),
    ok: 200,
  },
  'POST /v1/visits/{visitId}/overrides': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/overrides`, body: {} }),
    ok: 422,
  },
  'POST /v1/visits/{visitId}/notices': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/notices`, body: {} }),
    ok: 422,
    foreign: (o) => ({
      path: `/v1/visits/${o.visitA1}/notices`,
      body: {
        givenAt: '2026-10-30T09:00:00.000Z',
        channel: 'letter',
        likelyTime: { start: '2026-11-02T01:00:00.000Z', end: '2026-11-02T04:00:00.000Z' },
      },
    }),
  },
  'GET /v1/cases/{caseId}/contacts': {
    own: (f) => ({ path: `/v1/cases/${f.caseA}/contacts` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/cases/${o.caseA}/contacts` }),
    otherAgency: (f) => `/v1/cases/${f.caseB}/contacts`,
  },
  'POST /v1/cases/{caseId}/contacts': {
    own: (f) => ({ path: `/v1/cases/${f.caseA}/contacts`, body: {} }),
    ok: 422,
    foreign: (o) => ({
      path: `/v1/cases/${o.caseA}/contacts`,
      body: { at: '2026-10-30T09:00:00.000Z', channel: 'call', reached: false },
    }),
  },
  'POST /v1/compliance/contact-checks': {
    own: () => ({ path: '/v1/compliance/contact-checks', body: {} }),
    ok: 422,
    foreign: (o) => ({
      path: '/v1/compliance/contact-checks',
      body: {
        customerId: o.customerA,
        channel: 'letter',
        at: new Date(Date.now() + 3_600_000).toISOString(),
      },
    }),
  },
  'GET /v1/webhook-deliveries': { own: () => ({ path: '/v1/webhook-deliveries' }), ok: 200 },
  'POST /v1/webhook-deliveries/{deliveryId}/redeliver': {
    own: () => ({ path: '/v1/webhook-deliveries/whd_none/redeliver' }),
    ok: 404,
  },
  'GET /v1/dead-letters': { own: () => ({ path: '/v1/dead-letters' }), ok: 200 },
  'POST /v1/dead-letters/{deadLetterId}/replay': {
    own: () => ({ path: '/v1/dead-letters/dlq_none/replay' }),
    ok: 404,
  },
  'GET /v1/lessons': { own: () => ({ path: '/v1/lessons' }), ok: 200 },
  'GET /v1/lessons/{lessonId}': { own: () => ({ path: '/v1/lessons/budgeting' }), ok: 200 },
  'GET /v1/customers/{customerId}/lessons': {
    own: (f) => ({ path: `/v1/customers/${f.customerA}/lessons` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/customers/${o.customerA}/lessons` }),
    otherAgency: (f) => `/v1/customers/${f.customerB}/lessons`,
  },
  'POST /v1/customers/{customerId}/lessons': {
    own: (f) => ({ path: `/v1/customers/${f.customerA}/lessons`, body: {} }),
    ok: 422,
    foreign: (o) => ({
      path: `/v1/customers/${o.customerA}/lessons`,
      body: { lessonId: 'budgeting', caseId: o.caseA },
    }),
  },
  'GET /v1/lesson-assignments/{assignmentId}': {
    own: () => ({ path: '/v1/lesson-assignments/edu_none' }),
    ok: 404,
  },
  'POST /v1/lesson-assignments/{assignmentId}/progress': {
    own: () => ({ path: '/v1/lesson-assignments/edu_none/progress', body: {} }),
    ok: 422,
  },
  'POST /v1/lesson-assignments/{assignmentId}/quiz': {
    own: () => ({ path: '/v1/lesson-assignments/edu_none/quiz', body: {} }),
    ok: 422,
  },
  'GET /v1/customers/{customerId}/relationship-preference': {
    own: (f) => ({ path: `/v1/customers/${f.customerA}/relationship-preference` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/customers/${o.customerA}/relationship-preference` }),
    otherAgency: (f) => `/v1/customers/${f.customerB}/relationship-preference`,
  },
  'PUT /v1/customers/{customerId}/relationship-preference': {
    own: (f) => ({ path: `/v1/customers/${f.customerA}/relationship-preference`, body: {} }),
    ok: 422,
    foreign: (o) => ({
      path: `/v1/customers/${o.customerA}/relationship-preference`,
      body: { choice: 'opted_out', channel: 'app', statedAt: '2026-11-01T00:00:00.000Z' },
    }),
  },
  'POST /v1/webhook-subscriptions': { own: () => ({ path: '/v1/webhook-subscriptions', body: {} }), ok: 422 },
  'GET /v1/webhook-subscriptions': { own: () => ({ path: '/v1/webhook-subscriptions' }), ok: 200 },
  'DELETE /v1/webhook-subscriptions/{subscriptionId}': {
    own: () => ({ path: '/v1/webhook-subscriptions/whs_none' }),
    ok: 404,
  },
  'GET /v1/cases/{caseId}/promises': {
    own: (f) => ({ path: `/v1/cases/${f.caseA}/promises` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/cases/${o.caseA}/promises` }),
    otherAgency: (f) => `/v1/cases/${f.caseB}/promises`,
  },
  'POST /v1/cases/{caseId}/promises': {
    own: (f) => ({ path: `/v1/cases/${f.caseA}/promises`, body: {} }),
    ok: 422,
    foreign: (o) => ({
      path: `/v1/cases/${o.caseA}/promises`,
      body: {
        channel: 'call',
        checklist: [{ item: 'confirm_right_party', confirmed: true }],
        amount: { amountMinor: 1000, currency: 'CNY' },
        dueDate: '2026-11-20',
      },
    }),
  },
  'POST /v1/visits/{visitId}/evidence': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/evidence`, body: {} }),
    ok: 422,
    foreign: (o) => ({
      path: `/v1/visits/${o.visitA1}/evidence`,
      body: { kind: 'photo', mediaType: 'image/jpeg', sizeBytes: 10, sha256: 'a'.repeat(64) },
    }),
  },
  'PUT /v1/visits/{visitId}/evidence/{evidenceId}/content': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/evidence/evd_none/content`, body: {} }),
    ok: 404,
  },
  'GET /v1/visits/{visitId}/evidence': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/evidence` }),
    ok: 200,
    foreign: (o) => ({ path: `/v1/visits/${o.visitA1}/evidence` }),
    otherAgency: (f) => `/v1/visits/${f.visitA2}/evidence`,
  },
  'GET /v1/visits/{visitId}/evidence/{evidenceId}/content': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/evidence/evd_none/content` }),
    ok: 404,
  },
  'POST /v1/screenings': {
    own: () => ({ path: '/v1/screenings', body: { filter: { status: 'nope' } } }),
    ok: 422,
  },
  'GET /v1/screenings/{runId}': { own: () => ({ path: '/v1/screenings/scr_none' }), ok: 404 },
  'GET /v1/early-warnings': { own: () => ({ path: '/v1/early-warnings' }), ok: 200 },
  'GET /v1/reports/risk-model-stability': {
    own: () => ({ path: '/v1/reports/risk-model-stability' }),
    ok: 200,
  },
  'GET /v1/reports/kpis/{kpi}': { own: () => ({ path: '/v1/reports/kpis/not-a-kpi' }), ok: 422 },
  'GET /v1/reports/social-responsibility': {
    own: () => ({ path: '/v1/reports/social-responsibility' }),
    ok: 422,
  },
  'GET /v1/reports/education-effect': {
    own: () => ({ path: '/v1/reports/education-effect?experimentId=edu&from=2026-01-01&to=2026-03-31' }),
    ok: 200,
  },
  'POST /v1/complaints': { own: () => ({ path: '/v1/complaints', body: {} }), ok: 422 },
  'POST /v1/reports/rollups/rebuilds': {
    own: () => ({ path: '/v1/reports/rollups/rebuilds', body: { month: 'October' } }),
    ok: 422,
  },
  'GET /v1/reports/rollups/runs/{runId}': {
    own: () => ({ path: '/v1/reports/rollups/runs/rlr_none' }),
    ok: 404,
  },
  'POST /v1/experiments': { own: () => ({ path: '/v1/experiments', body: {} }), ok: 422 },
  'GET /v1/experiments/{experimentId}': { own: () => ({ path: '/v1/experiments/exp_none' }), ok: 404 },
  'GET /v1/experiments/{experimentId}/effect': {
    own: () => ({ path: '/v1/experiments/exp_none/effect' }),
    ok: 422,
  },
  'POST /v1/visit-plans': { own: () => ({ path: '/v1/visit-plans', body: {} }), ok: 422 },
  'GET /v1/visit-plans/{planId}': { own: () => ({ path: '/v1/visit-plans/vpl_none' }), ok: 404 },
  'POST /v1/visit-plans/{planId}/publish': {
    own: () => ({ path: '/v1/visit-plans/vpl_none/publish' }),
    ok: 404,
  },
  'POST /v1/visit-plans/{planId}/replan': {
    own: () => ({ path: '/v1/visit-plans/vpl_none/replan', body: {}, ifMatch: true }),
    ok: 404,
  },
  'GET /v1/visit-plans/{planId}/replans/{replanId}': {
    own: () => ({ path: '/v1/visit-plans/vpl_none/replans/rpl_none' }),
    ok: 404,
  },
  'POST /v1/visits/{visitId}/cancel': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/cancel`, body: {}, ifMatch: true }),
    ok: 422,
    foreign: (o) => ({
      path: `/v1/visits/${o.visitA1}/cancel`,
      body: { reason: 'customer_request', customerNotified: true },
      ifMatch: true,
    }),
  },
  'POST /v1/visits/{visitId}/reschedule': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/reschedule`, body: {}, ifMatch: true }),
    ok: 422,
    foreign: (o) => ({
      path: `/v1/visits/${o.visitA1}/reschedule`,
      body: { window: { start: '2026-11-03T06:00:00.000Z', end: '2026-11-03T07:00:00.000Z' } },
      ifMatch: true,
    }),
  },
  'POST /v1/visits/{visitId}/reassign': {
    own: (f) => ({ path: `/v1/visits/${f.visitA1}/reassign`, body: {}, ifMatch: true }),
    ok: 422,
    foreign: (o) => ({
      path: `/v1/visits/${o.visitA1}/reassign`,
      body: { agentIds: [o.agentA1, o.agentA2] },
      ifMatch: true,
    }),
  },
  'GET /v1/visit-plans': { own: () => ({ path: '/v1/visit-plans' }), ok: 200 },
  'GET /v1/experiments': { own: () => ({ path: '/v1/experiments' }), ok: 200 },
  'GET /v1/regions': { own: () => ({ path: '/v1/regions' }), ok: 200 },
  'GET /v1/tenant': { own: () => ({ path: '/v1/tenant' }), ok: 200 },
};

let f: FixtureTenant;
let other: FixtureTenant;

beforeAll(async () => {
  [f, other] = await Promise.all([createFixtureTenant('authz'), createFixtureTenant('authzother')]);
});

const send = (
  key: string | null,
  method: string,
  request: { path: string; body?: unknown; ifMatch?: boolean },
) =>
  call(key, method, request.path, {
    ...(request.body === undefined ? {} : { body: request.body }),
    headers: request.ifMatch ? { 'If-Match': '"1"' } : {},
  });

describe('authorization matrix', () => {
  it('has an entry for every registered partner route, and none for a route that does not exist', () => {
    const registered = partnerRoutes.map((r) => `${r.method} ${r.path}`).sort();
    expect(Object.keys(matrix).sort()).toEqual(registered);
  });

  for (const route of partnerRoutes) {
    const name = `${route.method} ${route.path}`;
    const entry = matrix[name];
    const allowed = new Set(route.roles);

    it(`${name}: roles ${[...allowed].join(', ')} pass, the others get 403, no key gets 401`, async () => {
      if (!entry) throw new Error(`no matrix entry for ${name}`);
      const request = entry.own(f);
      const statuses = await Promise.all(
        KEYS.map(async (key) => [key, (await send(f.keys[key], route.method, request)).status] as const),
      );
      const role = (key: FixtureKey) => (key === 'agent2' ? 'agent' : key);
      expect(Object.fromEntries(statuses)).toEqual(
        Object.fromEntries(KEYS.map((key) => [key, allowed.has(role(key)) ? entry.ok : 403])),
      );
      expect((await send(null, route.method, request)).status).toBe(401);
    });

    if (entry?.foreign) {
      const foreign = entry.foreign;
      it(`${name}: another tenant's object is 404 for every allowed role`, async () => {
        const allowedKeys = KEYS.filter((key) => allowed.has(key));
        const statuses = await Promise.all(
          allowedKeys.map(
            async (key) => [key, (await send(f.keys[key], route.method, foreign(other))).status] as const,
          ),
        );
        expect(Object.fromEntries(statuses)).toEqual(
          Object.fromEntries(allowedKeys.map((key) => [key, 404])),
        );
      });
    }

    if (entry?.otherAgency) {
      const otherAgency = entry.otherAgency;
      it(`${name}: another agency's object is 404 for agency and agent keys, 200 for portfolio roles`, async () => {
        const path = otherAgency(f);
        const statuses = await Promise.all(
          KEYS.filter((key) => allowed.has(key)).map(
            async (key) => [key, (await send(f.keys[key], route.method, { path })).status] as const,
          ),
        );
        for (const [key, status] of statuses)
          expect([key, status]).toEqual([key, key === 'agency' || key === 'agent' ? 404 : 200]);
      });
    }
  }
});

describe('sub-lists of a case', () => {
  it('every /v1/cases/{caseId}/… list answers 404 for a case that does not exist, like the case itself', async () => {
    const lists = partnerRoutes.filter(
      (route) => route.method === 'GET' && /^\/v1\/cases\/\{caseId\}\/[a-z-]+$/.test(route.path),
    );
    expect(lists.map((route) => route.path)).toEqual(
      expect.arrayContaining([
        '/v1/cases/{caseId}/promises',
        '/v1/cases/{caseId}/follow-ups',
        '/v1/cases/{caseId}/contacts',
      ]),
    );
    for (const route of lists) {
      const response = await call(
        f.keys.supervisor,
        'GET',
        route.path.replace('{caseId}', 'case_doesnotexist'),
      );
      expect([route.path, response.status]).toEqual([route.path, 404]);
      expect(await response.json()).toMatchObject({ code: 'RESOURCE.NOT_FOUND' });
    }
  });
});

describe('scoped lists', () => {
  it('an agency key lists only its agency’s cases, an agent key only the visits it is on', async () => {
    const cases = await (await call(f.keys.agency, 'GET', '/v1/cases')).json<{ items: { id: string }[] }>();
    expect(cases.items.map((c) => c.id)).toEqual([f.caseA]);
    const visits = await (await call(f.keys.agent, 'GET', '/v1/visits')).json<{ items: { id: string }[] }>();
    expect(visits.items.map((v) => v.id)).toEqual([f.visitA1]);
    const all = await (await call(f.keys.supervisor, 'GET', '/v1/cases')).json<{ items: { id: string }[] }>();
    expect(all.items.map((c) => c.id).sort()).toEqual([f.caseA, f.caseB].sort());
  });

  it('analyst and agency keys see customers with names, phones, addresses and notes masked; agents and supervisors see them', async () => {
    for (const key of [f.keys.analyst, f.keys.agency]) {
      const one = await (await call(key, 'GET', `/v1/customers/${f.customerA}`)).json<
        Record<string, unknown>
      >();
      const listed = await (await call(key, 'GET', '/v1/customers')).json<{
        items: Record<string, unknown>[];
      }>();
      for (const customer of [one, ...listed.items])
        expect(customer).toMatchObject({
          name: '***',
          phone: '***',
          householdNotes: '***',
          address: { line: '***', lat: null, lon: null },
        });
    }
    for (const key of [f.keys.supervisor, f.keys.agent]) {
      const plain = await (await call(key, 'GET', `/v1/customers/${f.customerA}`)).json<
        Record<string, unknown>
      >();
      expect(plain).toMatchObject({ name: 'Wang Fang', phone: '+8613800000000' });
    }
  });

  it('an agency key sees the reasons of its visits’ overrides masked, as an analyst does', async () => {
    await env.DB.prepare(
      `INSERT INTO compliance_overrides (id, tenant_id, visit_id, rule, supervisor_key_id, reason, created_at)
       VALUES ('ovr_sec_mask', ?, ?, 'cooldown', ?, 'Mrs Wang asked us to come on Tuesday', 0)`,
    )
      .bind(f.tenantId, f.visitA1, f.keyIds.supervisor)
      .run();
    const reasonsSeenBy = async (key: string) =>
      (
        await (
          await call(key, 'GET', `/v1/visits/${f.visitA1}/overrides`)
        ).json<{
          items: { reason: string }[];
        }>()
      ).items.map((item) => item.reason);
    expect(await reasonsSeenBy(f.keys.agency)).toEqual(['***']);
    expect(await reasonsSeenBy(f.keys.analyst)).toEqual(['***']);
    expect(await reasonsSeenBy(f.keys.agent)).toEqual(['Mrs Wang asked us to come on Tuesday']);
  });
});

describe('API keys', () => {
  it('rejects a revoked key, and a rotated key’s successor works while the old one does not', async () => {
    const created = await call(f.keys.admin, 'POST', '/v1/api-keys', {
      body: { name: 'tablet', role: 'supervisor' },
    });
    expect(created.status).toBe(201);
    const { apiKey, secret } = await created.json<{ apiKey: { id: string }; secret: string }>();
    expect(secret).toMatch(/^dsk_[0-9a-z]{40}$/);
    expect((await call(secret, 'GET', '/v1/cases')).status).toBe(200);

    const rotated = await call(f.keys.admin, 'POST', `/v1/api-keys/${apiKey.id}/rotate`);
    expect(rotated.status).toBe(201);
    const next = await rotated.json<{ secret: string }>();
    expect((await call(secret, 'GET', '/v1/cases')).status).toBe(401);
    expect((await call(next.secret, 'GET', '/v1/cases')).status).toBe(200);

    const listed = await (await call(f.keys.admin, 'GET', '/v1/api-keys')).json<{
      items: { id: string; prefix: string }[];
    }>();
    expect(JSON.stringify(listed)).not.toContain(next.secret);
  });

  it('answers an unknown, malformed or missing key with 401 problem+json', async () => {
    for (const header of ['Bearer dsk_nope', 'Bearer sk_live_x', 'Basic abc']) {
      const response = await call(null, 'GET', '/v1/cases', { headers: { Authorization: header } });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
