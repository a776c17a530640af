/**
 * The whole partner flow through the typed client, against the worker in workerd with real D1:
 * cases (direct rows) → screening → a visit for the top case → check-in → outcome with a promise →
 * repayment plan proposed and accepted → follow-ups scheduled.
 */
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, DoorstepError } from '../../../packages/client/src';
import { createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('e2e');
  await env.DB.batch(
    Array.from({ length: 20 }, (_, i) =>
      env.DB.prepare(
        `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, region_id, agency_id, opened_at, updated_at)
         VALUES (?, ?, ?, ?, 'open', 'M2', ?, ?, ?, 'CNY', 'reg_futian', ?, 0, 0)`,
      ).bind(
        `case_e2e_${i}`,
        f.tenantId,
        f.customerA,
        f.customerA.replace('cus_', 'acc_'),
        31 + i * 3,
        200000 + i * 10000,
        200000 + i * 10000,
        f.agencyA,
      ),
    ),
  );
});

const clientFor = (apiKey: string) =>
  createClient({ baseUrl: 'https://api.test', apiKey, fetch: (input, init) => SELF.fetch(input, init) });

describe('partner flow through @doorstep/client', () => {
  it('screens, plans, visits, agrees a plan and schedules follow-ups', async () => {
    const supervisor = clientFor(f.keys.supervisor);
    const agent = clientFor(f.keys.agent);

    const run = await supervisor.call('POST /v1/screenings', { body: { filter: { status: 'open' } } });
    expect(run.data).toMatchObject({ status: 'completed', screened: 20 });

    const eligible = await supervisor.call('GET /v1/cases', {
      query: { eligible: 'true', status: 'screened', limit: 5 },
    });
    const top = eligible.data.items[0];
    if (!top) throw new Error('screening found no eligible case');
    expect(eligible.data.items.map((c) => c.priority)).toEqual(
      [...eligible.data.items.map((c) => c.priority)].sort((a, b) => (b ?? 0) - (a ?? 0)),
    );

    const planned = await supervisor.call('POST /v1/visits', {
      body: {
        caseId: top.id,
        purpose: 'negotiate_plan',
        agentIds: [f.agentA1, f.agentA2],
        window: { start: '2026-11-04T01:00:00.000Z', end: '2026-11-04T03:00:00.000Z' },
      },
    });
    expect(planned.status).toBe(201);

    const mine = await agent.call('GET /v1/visits', { query: { status: 'planned' } });
    const visit = mine.data.items.find((v) => v.caseId === top.id);
    if (!visit) throw new Error('the agent does not see the planned visit');
    const read = await agent.call('GET /v1/visits/{visitId}', { params: { visitId: visit.id } });
    const checkedIn = await agent.call('POST /v1/visits/{visitId}/check-in', {
      params: { visitId: visit.id },
      body: { at: '2026-11-04T01:20:00.000Z', lat: 22.54, lon: 114.05 },
      ifMatch: read.etag ?? '',
    });
    const recorded = await agent.call('POST /v1/visits/{visitId}/outcome', {
      params: { visitId: visit.id },
      body: {
        contactResult: 'customer_met',
        checklist: [
          { item: 'show_staff_id', confirmed: true },
          { item: 'state_purpose', confirmed: true },
        ],
        willingness: 4,
        monthlyAbilityToPay: { amountMinor: 60000, currency: 'CNY' },
        satisfaction: 5,
        promiseToPay: { amount: { amountMinor: 30000, currency: 'CNY' }, dueDate: '2026-11-15' },
      },
      ifMatch: checkedIn.etag ?? '',
    });
    expect(recorded.data.status).toBe('completed');

    const proposed = await agent.call('POST /v1/cases/{caseId}/repayment-plans', {
      params: { caseId: top.id },
      body: { monthlyAbilityToPay: { amountMinor: 60000, currency: 'CNY' } },
    });
    expect(proposed.status).toBe(201);
    const plan = proposed.data as { id: string; instalments: unknown[] };
    expect(plan.instalments.length).toBeGreaterThan(0);
    const accepted = await agent.call('POST /v1/repayment-plans/{planId}/accept', {
      params: { planId: plan.id },
      ifMatch: proposed.etag ?? '',
    });
    expect(accepted.data.status).toBe('accepted');

    const followUps = await supervisor.call('GET /v1/cases/{caseId}/follow-ups', {
      params: { caseId: top.id },
    });
    expect(followUps.data.items.length).toBeGreaterThan(0);
    expect(followUps.data.items.every((u) => u.state === 'pending')).toBe(true);

    const stale = agent.call('POST /v1/repayment-plans/{planId}/accept', {
      params: { planId: plan.id },
      ifMatch: proposed.etag ?? '',
    });
    await expect(stale).rejects.toBeInstanceOf(DoorstepError);
    await expect(stale).rejects.toMatchObject({ status: 412, problem: { code: 'PRECONDITION.FAILED' } });
  });

  it('retries a POST with the same idempotency key and gets the first answer back', async () => {
    const admin = clientFor(f.keys.admin);
    const body = {
      name: 'Retry Agent',
      agencyId: f.agencyA,
      homeBase: { lat: 22.5, lon: 114.0 },
      shift: { start: '08:30', end: '17:30' },
      dailyCapacity: 5,
    };
    const first = await admin.call('POST /v1/agents', { body, idempotencyKey: 'client-retry' });
    const again = await admin.call('POST /v1/agents', { body, idempotencyKey: 'client-retry' });
    expect(again.replayed).toBe(true);
    expect(again.data.id).toBe(first.data.id);
  });
});
