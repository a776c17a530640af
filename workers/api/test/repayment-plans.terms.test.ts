import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('terms');
  // A bank that lets hardship plans run five years.
  const activated = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
    body: {
      reason: 'long hardship plans',
      document: {
        version: 'long-plans',
        screening: [{ id: 'weighted-risk' }],
        compliance: [],
        preparation: { id: 'standard-dossier' },
        planning: { id: 'route-optimised' },
        repayment: { id: 'affordable-plan', options: { maxTermMonths: 60, minInstalmentMinor: 1000 } },
        followUp: { id: 'willingness-ability' },
      },
    },
  });
  expect(activated.status).toBe(201);
});

describe('repayment plan terms', () => {
  it('stores a plan of more instalments than one D1 statement can bind (60 × 8 columns), all of them', async () => {
    // 320,000 overdue at 6,000 a month: 54 instalments.
    const proposed = await call(f.keys.agent, 'POST', `/v1/cases/${f.caseA}/repayment-plans`, {
      body: { monthlyAbilityToPay: { amountMinor: 6000, currency: 'CNY' } },
    });
    expect(proposed.status, await proposed.clone().text()).toBe(201);
    const plan = await proposed.json<{ id: string; instalments: { amount: { amountMinor: number } }[] }>();
    expect(plan.instalments.length).toBeGreaterThan(12);
    const stored = await env.DB.prepare(
      'SELECT COUNT(*) AS n, SUM(amount) AS total FROM instalments WHERE tenant_id = ? AND plan_id = ?',
    )
      .bind(f.tenantId, plan.id)
      .first<{ n: number; total: number }>();
    expect(stored?.n).toBe(plan.instalments.length);
    expect(stored?.total).toBe(plan.instalments.reduce((sum, i) => sum + i.amount.amountMinor, 0));
  });
});
