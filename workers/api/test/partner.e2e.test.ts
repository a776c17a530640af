/**
 * The whole partner flow on the seeded demo tenant, through the typed client against the worker in
 * workerd with real D1: signed intake of a new overdue customer → a screening run continued on the
 * queue → a solved and published visit plan → the agent's route and the case dossier → check-in →
 * outcome with a promise → repayment plan proposed and accepted → the follow-ups scheduled for both.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, DoorstepError, paginate } from '../../../packages/client/src';
import { demoTenant, demoTenantStatements } from '../../../scripts/seed/demo-tenant';
import worker from '../src/index';
import { atServerTime } from './fixtures/clock';
import { checkContract } from './fixtures/contract';
import { FIXTURE_SCHEDULING } from './fixtures/tenant';
import { event, signedFetch } from './intake.helpers';

/** The demo generator at a size that still needs more than one screening chunk (100 cases). */
const DEMO_SIZE = { customers: 120, performing: 40, agents: 4 };
/** A Wednesday; teams pair the agents in order, the first of each pair leads. */
const PLAN_DATE = '2026-12-02';
const AGENTS = ['agt_demo00001', 'agt_demo00002', 'agt_demo00003', 'agt_demo00004'];
const PROMISE_DATE = '2026-12-12';
const CUSTOMER_REF = 'E2E-C1';

/** Every response the client sees is first checked against the schema its route declares. */
async function checkedFetch(input: string, init: RequestInit): Promise<Response> {
  const response = await SELF.fetch(input, init);
  await checkContract(init.method ?? 'GET', input, response);
  return response;
}

const clientFor = (apiKey: string) =>
  createClient({ baseUrl: 'https://api.test', apiKey, fetch: checkedFetch });

/** Hands one job to the worker's queue consumer, as the Queues runtime would, and asks that it was acked. */
async function deliver(body: Record<string, unknown>) {
  const batch = createMessageBatch('doorstep-jobs', [
    { id: `e2e-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
}

/** An instant in Shanghai wall-clock terms (UTC+8, no DST), `YYYY-MM-DDTHH:MM`. */
const inShanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16);

beforeAll(async () => {
  const statements = await demoTenantStatements(DEMO_SIZE);
  await env.DB.batch([
    ...statements.map((statement) => env.DB.prepare(statement)),
    // The flow is dated December 2026 whatever today is: schedule with the fixtures' look-back.
    env.DB.prepare(
      `UPDATE tenants SET settings = json_set(settings, '$.scheduling', json(?)) WHERE id = ?`,
    ).bind(JSON.stringify(FIXTURE_SCHEDULING), demoTenant.id),
  ]);
});

describe('partner flow on the demo tenant through @doorstep/client', () => {
  it('takes a new overdue customer from intake to scheduled follow-ups', async () => {
    const admin = clientFor(demoTenant.adminKey);
    const supervisor = clientFor(demoTenant.supervisorKey);

    // Intake: core banking reports a new customer and her overdue loan, signed per Standard Webhooks.
    const intake = await signedFetch('/v1/intake/events', {
      tenantId: demoTenant.id,
      secrets: [demoTenant.intakeSecret],
      body: JSON.stringify([
        event('customer.upserted', '2026-11-20T01:00:00Z', {
          customerRef: CUSTOMER_REF,
          name: 'Chen Jing',
          phone: '+86 138 0000 0001',
          address: { line: 'Futian, Building 8, Unit 3', lat: 22.541, lon: 114.055 },
          regionCode: 'futian',
          language: 'zh',
          householdNotes: 'Runs a small shop with her husband; two school-age children.',
        }),
        event('account.delinquency_updated', '2026-11-20T01:00:00Z', {
          accountRef: 'E2E-A1',
          customerRef: CUSTOMER_REF,
          kind: 'loan',
          product: 'Consumer loan',
          currency: 'CNY',
          limitOrPrincipalMinor: 20_000_000,
          outstandingBalanceMinor: 12_000_000,
          sequence: 1,
          asOf: '2026-11-20T00:00:00Z',
          dpd: 75,
          overduePrincipalMinor: 4_000_000,
          overdueInterestMinor: 200_000,
          overdueFeesMinor: 5_000,
        }),
      ]),
    });
    await checkContract('POST', 'https://api.test/v1/intake/events', intake);
    expect(intake.status).toBe(200);
    expect((await intake.json<{ results: { outcome: string }[] }>()).results.map((r) => r.outcome)).toEqual([
      'applied',
      'applied',
    ]);

    let customerId: string | undefined;
    for await (const page of paginate(supervisor, 'listCustomers', { limit: 50 }))
      customerId ??= page.items.find((customer) => customer.externalRef === CUSTOMER_REF)?.id;
    let caseId: string | undefined;
    for await (const page of paginate(supervisor, 'listCases', { status: 'open', limit: 50 }))
      caseId ??= page.items.find((kase) => kase.customerId === customerId)?.id;
    if (!caseId) throw new Error('intake opened no case for the new customer');

    // Screening: the first chunk runs inline, the rest continues on the queue.
    const started = await supervisor.call('createScreening', { body: { filter: { status: 'open' } } });
    expect(started.status).toBe(202);
    let run = started.data;
    for (let chunk = 0; run.status === 'running' && chunk < 5; chunk++) {
      const stored = await env.DB.prepare('SELECT after_case_id FROM screening_runs WHERE id = ?')
        .bind(run.id)
        .first<{ after_case_id: string }>();
      await deliver({
        type: 'screening.run',
        v: 1,
        tenantId: demoTenant.id,
        runId: run.id,
        afterCaseId: stored?.after_case_id,
      });
      run = (await supervisor.call('getScreening', { params: { runId: run.id } })).data;
    }
    expect(run).toMatchObject({ status: 'completed', screened: DEMO_SIZE.customers + 1 });
    const screened = await supervisor.call('getCase', { params: { caseId } });
    expect(screened.data).toMatchObject({ status: 'screened', eligible: true });

    // The day's plan for Futian, solved by the planning plugin on the queue, then published.
    const created = await supervisor.call('createVisitPlan', {
      body: { date: PLAN_DATE, regionId: 'reg_futian', agentIds: AGENTS, teamSize: 2 },
    });
    expect(created.status).toBe(202);
    await deliver({ type: 'plan.solve', v: 1, tenantId: demoTenant.id, planId: created.data.id });
    const published = await supervisor.call('publishVisitPlan', {
      params: { planId: created.data.id },
    });
    expect(published.data.status).toBe('published');
    const route = published.data.routes.find((r) => r.stops.some((stop) => stop.caseId === caseId));
    if (!route)
      throw new Error(`the plan left the new case out: ${JSON.stringify(published.data.unplanned)}`);
    const stop = route.stops.find((s) => s.caseId === caseId)!;
    expect(stop.agentIds).toHaveLength(2);

    // The lead agent's app, with a key of its own, fetches its route for the day.
    const issued = await admin.call('createApiKey', {
      body: { name: 'E2E field app', role: 'agent', agentId: route.leadAgentId },
    });
    const agent = clientFor(issued.data.secret);
    const day = await agent.call('listVisits', {
      query: { status: 'planned', from: '2026-12-01T16:00:00.000Z', to: '2026-12-02T16:00:00.000Z' },
    });
    expect(day.data.items.map((v) => v.id)).toEqual(route.stops.map((s) => s.visitId));
    expect(day.data.items.map((v) => v.routeOrder)).toEqual(route.stops.map((s) => s.order));

    // Before knocking: the dossier, which the audit trail records as seen by this key.
    const { data: prepared } = await agent.call('getCaseDossier', { params: { caseId } });
    expect(prepared.dossier.customer.name).toBe('Chen Jing');
    expect(prepared.dossier.overdue).toMatchObject({ dpd: 75, total: { amountMinor: 4_205_000 } });
    expect(prepared.dossier.household).toContain('small shop');
    expect(prepared.purpose).toBe('understand_situation');
    const audit = await supervisor.call('listAudit', {
      query: { subjectType: 'case', subjectId: caseId },
    });
    expect(audit.data.items.map((entry) => entry.action)).toContain('dossier.viewed');

    // At the door: check in inside the planned window (within the pack's 08:00–22:00), then the outcome.
    const visit = await agent.call('getVisit', { params: { visitId: stop.visitId } });
    const checkInAt = new Date(Date.parse(stop.window.start) + 5 * 60_000).toISOString();
    const localTime = inShanghai(checkInAt).slice(11);
    expect(localTime >= '08:00' && localTime < '22:00').toBe(true);
    // The agent's device and the server agree on the time (check-in refuses a clock that is off).
    const { checkedIn, recorded } = await atServerTime(checkInAt, async () => {
      const checkedIn = await agent.call('checkInVisit', {
        params: { visitId: stop.visitId },
        body: { at: checkInAt, lat: 22.541, lon: 114.055 },
        ifMatch: visit.etag ?? '',
      });
      expect(checkedIn.data.status).toBe('checked_in');
      const recorded = await agent.call('recordVisitOutcome', {
        params: { visitId: stop.visitId },
        body: {
          contactResult: 'customer_met',
          checklist: prepared.checklist.map(({ item }) => ({ item, confirmed: true })),
          willingness: 4,
          monthlyAbilityToPay: { amountMinor: 900_000, currency: 'CNY' },
          satisfaction: 5,
          promiseToPay: { amount: { amountMinor: 300_000, currency: 'CNY' }, dueDate: PROMISE_DATE },
        },
        ifMatch: checkedIn.etag ?? '',
      });
      return { checkedIn, recorded };
    });
    expect(checkedIn.data.checkIn).toMatchObject({ receivedAt: checkInAt, flags: [] });
    expect(recorded.data.status).toBe('completed');

    // A repayment plan within what she can afford, proposed through the plugin and accepted.
    const proposed = await agent.call('proposeRepaymentPlan', {
      params: { caseId },
      body: { monthlyAbilityToPay: { amountMinor: 900_000, currency: 'CNY' } },
    });
    expect(proposed.status).toBe(201);
    const plan = proposed.data;
    if (!('id' in plan)) throw new Error(`no plan offered: ${JSON.stringify(plan.reasons)}`);
    expect(plan.instalments.length).toBeGreaterThan(0);
    const acceptance = {
      channel: 'visit' as const,
      visitId: stop.visitId,
      checklist: prepared.checklist.map(({ item }) => ({ item, confirmed: true })),
    };
    const accepted = await agent.call('acceptRepaymentPlan', {
      params: { planId: plan.id },
      body: acceptance,
      ifMatch: proposed.etag ?? '',
    });
    expect(accepted.data.status).toBe('accepted');
    const stale = agent.call('acceptRepaymentPlan', {
      params: { planId: plan.id },
      body: acceptance,
      ifMatch: proposed.etag ?? '',
    });
    await expect(stale).rejects.toBeInstanceOf(DoorstepError);
    await expect(stale).rejects.toMatchObject({ status: 412, problem: { code: 'PRECONDITION.FAILED' } });

    // Follow-ups on durable timers: the promise checked the day after its date, and per instalment a
    // reminder before it falls due and a check after.
    const followUps = await supervisor.call('listCaseFollowUps', { params: { caseId } });
    const pending = followUps.data.items.filter((u) => u.state === 'pending');
    const count = (kind: string) => pending.filter((u) => u.kind === kind).length;
    expect(count('promise_check')).toBe(1);
    const promiseCheck = pending.find((u) => u.kind === 'promise_check');
    expect(inShanghai(promiseCheck?.dueAt ?? '').slice(0, 10)).toBe('2026-12-13');
    expect(count('instalment_reminder')).toBe(plan.instalments.length);
    expect(count('instalment_check')).toBe(plan.instalments.length);
    const promises = await agent.call('listCasePromises', { params: { caseId } });
    expect(promises.data.items).toEqual([
      expect.objectContaining({ promisedDate: PROMISE_DATE, status: 'open' }),
    ]);
  });

  it('retries a POST with the same idempotency key and gets the first answer back', async () => {
    const admin = clientFor(demoTenant.adminKey);
    const body = {
      name: 'Retry Agent',
      agencyId: 'agy_demo_inhouse',
      homeBase: { lat: 22.5, lon: 114.0 },
      shift: { start: '08:30', end: '17:30' },
      dailyCapacity: 5,
    };
    const first = await admin.call('createAgent', { body, idempotencyKey: 'client-retry' });
    const again = await admin.call('createAgent', { body, idempotencyKey: 'client-retry' });
    expect(again.replayed).toBe(true);
    expect(again.data.id).toBe(first.data.id);
  });
});
