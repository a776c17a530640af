/**
 * A plugin author's path ends in the running API: a policy set naming the example follow-up plugin
 * (`hardship-first`) and a plugin scaffolded with `pnpm create-plugin` (`several-accounts`) is activated
 * through the API, and screening and a visit outcome are decided by them, with their reasons stored.
 */
import { env } from 'cloudflare:test';
import { createRegistry } from '@doorstep/core';
import { severalAccounts, severalAccountsPolicies } from '@doorstep/plugin-several-accounts';
import { beforeAll, describe, expect, it } from 'vitest';
import { installedPlugins } from '../src/plugins';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { checkInAndRecordOutcome } from './fixtures/visit-outcome';

let f: FixtureTenant;

const tutorialSet = {
  version: 'tutorial-1',
  screening: [{ id: 'weighted-risk' }, { id: 'several-accounts', options: { pointsPerExtraAccount: 12 } }],
  compliance: [],
  preparation: { id: 'standard-dossier' },
  planning: { id: 'route-optimised' },
  repayment: { id: 'affordable-plan' },
  followUp: { id: 'hardship-first' },
};

type Decision = {
  eligible: boolean;
  priority: number;
  reasons: { code: string; message: string }[];
  decidedBy: { policyVersion: number; set: string; experimentId: string | null; arm: string | null };
};

beforeAll(async () => {
  f = await createFixtureTenant('plug');
  // Customer A owes on a card too: 1,500.00 CNY overdue, 20 days late.
  await env.DB.batch([
    env.DB.prepare('UPDATE accounts SET outstanding_balance = 2000000 WHERE id = ?').bind(
      f.customerA.replace('cus_', 'acc_'),
    ),
    env.DB.prepare(
      `INSERT INTO accounts (id, tenant_id, customer_id, external_ref, kind, product, currency, limit_or_principal, status, dpd, overdue_total, outstanding_balance, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'credit_card', 'classic-card', 'CNY', 3000000, 'delinquent', 20, 150000, 900000, 0, 0)`,
    ).bind(`acc_plug_card`, f.tenantId, f.customerA, 'acc_plug_card'),
  ]);
});

describe('plugins in the running API', () => {
  it('lists the plugins this deployment registers, with the contract each was built for', async () => {
    const response = await call(f.keys.analyst, 'GET', '/v1/policy-set/plugins');
    expect(response.status).toBe(200);
    const body = await response.json<{
      contract: string;
      items: { kind: string; id: string; contract: string; reasons: Record<string, string> }[];
    }>();
    expect(body.contract).toBe('2.1');
    const byId = new Map(body.items.map((p) => [`${p.kind}/${p.id}`, p]));
    // A plugin built for 2.0 still runs on 2.1, which only added inputs; the planner declares 2.1.
    expect(byId.get('followUp/hardship-first')?.contract).toBe('2.0');
    expect(byId.get('planning/route-optimised')?.contract).toBe('2.1');
    expect(byId.get('screening/several-accounts')?.reasons['accounts.one']).toBe('Behind on one account');
    for (const id of ['screening/weighted-risk', 'compliance/cn', 'planning/route-optimised'])
      expect(byId.has(id), id).toBe(true);
  });

  it('activates a set naming hardship-first and a scaffolded plugin; screening and follow-ups carry their reasons', async () => {
    const activated = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
      body: { reason: 'try the tutorial plugin', document: tutorialSet },
    });
    expect(activated.status, await activated.clone().text()).toBe(201);
    expect(await activated.json()).toMatchObject({ version: 1, active: true });

    const screened = await call(f.keys.supervisor, 'POST', '/v1/screenings', {
      body: { filter: { agencyId: f.agencyA } },
    });
    expect(screened.status).toBe(201);
    const decisions = await call(f.keys.analyst, 'GET', `/v1/cases/${f.caseA}/screening-decisions`);
    const [decision] = (await decisions.json<{ items: Decision[] }>()).items;
    expect(decision?.decidedBy).toEqual({
      policyVersion: 1,
      set: 'tutorial-1',
      experimentId: null,
      arm: null,
    });
    const codes = decision!.reasons.map((r) => r.code);
    // weighted-risk@2 scores the customer's overdue on both accounts; several-accounts adds its own reason.
    expect(codes).toContain('factor.amount-accounts');
    expect(decision!.reasons).toContainEqual(
      expect.objectContaining({
        code: 'accounts.several',
        message: 'Behind on 2 accounts: 4700.00 CNY overdue of 29000.00 CNY owed, +12',
      }),
    );
    expect(decision!.eligible).toBe(true);

    const read = await call(f.keys.agent, 'GET', `/v1/visits/${f.visitA1}`);
    await checkInAndRecordOutcome(f.keys.agent, f.visitA1, read.headers.get('ETag')!, ['illness']);
    const followUps = await call(f.keys.supervisor, 'GET', `/v1/cases/${f.caseA}/follow-ups`);
    const items = (
      await followUps.json<{
        items: { kind: string; reason: { code: string }; decidedBy: Decision['decidedBy'] | null }[];
      }>()
    ).items;
    expect(items.map((i) => [i.kind, i.reason.code])).toEqual(
      expect.arrayContaining([
        ['hardship_review', 'review.scheduled'],
        ['education', 'education.support'],
        ['revisit', 'collection.paused'],
      ]),
    );
    expect(items[0]?.decidedBy).toMatchObject({ policyVersion: 1, set: 'tutorial-1' });
  });

  it('refuses a set naming a plugin this deployment does not register, with the path of each', async () => {
    const refused = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
      body: {
        reason: 'a plugin that was never installed',
        document: {
          ...tutorialSet,
          screening: [{ id: 'weighted-risk' }, { id: 'not-installed' }],
          followUp: { id: 'hardship-last' },
        },
      },
    });
    expect(refused.status).toBe(422);
    const problem = await refused.json<{ code: string; errors: { path: string; message: string }[] }>();
    expect(problem.code).toBe('POLICY.INVALID');
    expect(problem.errors.map((e) => e.path)).toEqual(['/document/screening/1/id', '/document/followUp/id']);
    expect(problem.errors[1]?.message).toMatch(
      /No followUp policy "hardship-last" \(registered: .*hardship-first/,
    );
    // Nothing was stored: the tutorial set is still the active one.
    const active = await call(f.keys.analyst, 'GET', '/v1/policy-set');
    expect(await active.json()).toMatchObject({ version: 1, document: { version: 'tutorial-1' } });
  });

  it('a deployment listing an incompatible or duplicate plugin fails at start-up, naming it', () => {
    const builtForContract1 = { ...severalAccounts, id: 'several-accounts-legacy', contract: '1.0' };
    expect(() =>
      createRegistry(...installedPlugins, {
        screening: [builtForContract1 as unknown as typeof severalAccounts],
      }),
    ).toThrow(
      'screening policy several-accounts-legacy@1.0.0 was built for plugin contract 1.0; this Doorstep runs contract 2.1',
    );
    expect(() => createRegistry(...installedPlugins, severalAccountsPolicies)).toThrow(
      'Duplicate screening policy id "several-accounts"',
    );
  });
});
