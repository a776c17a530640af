import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuntimePorts } from '../src/ports/runtime';
import { randomId } from '../src/ports/runtime';
import { startRiskRuns } from '../src/risk/runs';
import { handleRiskScore } from '../src/risk/score-job';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { event, newSecret, signedFetch } from './intake.helpers';

const NOW = Date.UTC(2026, 9, 12, 1, 0, 0); // 2026-10-12 09:00 in Asia/Shanghai
const ports: RuntimePorts = { now: () => NOW, newId: randomId };
const MONTHS = ['2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04'];

let f: FixtureTenant;
let secret: string;

const send = (events: unknown[]) =>
  signedFetch('/v1/intake/events', { tenantId: f.tenantId, secrets: [secret], body: JSON.stringify(events) });

type Month = { balance: number; payment: number; status: string; monthsLate?: number };

/** Six monthly statements of card `K-<n>` of customer `P-<n>`, newest first, in TWD (cents). */
const statements = (n: string, months: Month[], limit = 5_000_000) =>
  months.map((m, k) =>
    event('account.statement_issued', `2026-${String(10 - k).padStart(2, '0')}-02T00:00:00Z`, {
      accountRef: `K-${n}`,
      customerRef: `P-${n}`,
      product: 'classic-card',
      currency: 'TWD',
      period: MONTHS[k],
      limitMinor: limit,
      balanceMinor: m.balance,
      minimumDueMinor: Math.max(0, Math.round(m.balance / 20)),
      paymentMinor: m.payment,
      status: m.status,
      ...(m.monthsLate === undefined ? {} : { monthsLate: m.monthsLate }),
    }),
  );

const steady: Month = { balance: 800_000, payment: 800_000, status: 'paid_in_full' };
const slipping = (k: number): Month =>
  k < 2
    ? { balance: 4_950_000, payment: 0, status: 'late', monthsLate: 2 - k }
    : { balance: 4_700_000, payment: 150_000, status: 'revolving' };

/** Plays the queue: the run's chunks until it completes, each as the consumer would. */
async function drive(runId: string) {
  for (let chunk = 0; chunk < 10; chunk++) {
    const run = await env.DB.prepare('SELECT status, after_account_id FROM risk_runs WHERE id = ?')
      .bind(runId)
      .first<{ status: string; after_account_id: string | null }>();
    if (run?.status !== 'running') return run?.status;
    await handleRiskScore(
      { type: 'risk.score', v: 1, tenantId: f.tenantId, runId, afterAccountId: run.after_account_id },
      { env, d1: env.DB, ports },
    );
  }
  throw new Error('run did not finish');
}

async function startOurs(): Promise<string | undefined> {
  const { started } = await startRiskRuns({ env, d1: env.DB }, ports);
  const ours = await env.DB.prepare(
    'SELECT id FROM risk_runs WHERE tenant_id = ? AND id IN (SELECT value FROM json_each(?))',
  )
    .bind(f.tenantId, JSON.stringify(started))
    .first<{ id: string }>();
  return ours?.id;
}

interface Warning {
  customer: { externalRef: string; name: string; phone: string | null };
  account: { externalRef: string };
  probability: number;
  band: string;
  action: string;
  reasons: { code: string; message: string }[];
  actionReasons: { message: string }[];
}
type Page = { scoredOn: string | null; items: Warning[]; nextCursor: string | null };

beforeAll(async () => {
  f = await createFixtureTenant('earlywarn');
  secret = newSecret();
  await env.DB.prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 0)')
    .bind(`isec_${f.tenantId}`, f.tenantId, secret)
    .run();
  const response = await send([
    event('customer.upserted', '2026-10-01T00:00:00Z', {
      customerRef: 'P-1',
      name: 'Lin Mei',
      phone: '+886 2 1234',
    }),
    ...statements(
      '1',
      MONTHS.map((_, k) => slipping(k)),
    ),
    ...statements(
      '2',
      MONTHS.map(() => steady),
    ),
    // Slipping the same way, but already overdue: screening's business, not an early warning.
    ...statements(
      '3',
      MONTHS.map((_, k) => slipping(k)),
    ),
    event('account.delinquency_updated', '2026-10-05T00:00:00Z', {
      accountRef: 'K-3',
      customerRef: 'P-3',
      kind: 'credit_card',
      product: 'classic-card',
      currency: 'TWD',
      limitOrPrincipalMinor: 5_000_000,
      sequence: 1,
      asOf: '2026-10-05T00:00:00Z',
      dpd: 35,
      overduePrincipalMinor: 300_000,
      overdueInterestMinor: 0,
      overdueFeesMinor: 0,
    }),
    // Three months of history: too short to score.
    ...statements(
      '4',
      MONTHS.map(() => steady),
    ).slice(0, 3),
  ]);
  expect(response.status).toBe(200);
});

describe('early warnings, fed through intake and scored by the daily run', () => {
  it('lists nothing before the first run completes', async () => {
    const page = await (await call(f.keys.supervisor, 'GET', '/v1/early-warnings')).json<Page>();
    expect(page).toEqual({ scoredOn: null, items: [], nextCursor: null });
  });

  it('scores every account with statements once a day through the queue, and lists those not overdue, riskiest first, with reasons in words', async () => {
    const runId = await startOurs();
    expect(runId).toBeDefined();
    expect(await startOurs()).toBeUndefined();
    expect(await drive(runId!)).toBe('completed');
    const run = await env.DB.prepare('SELECT scored, unscored, warned, scored_on FROM risk_runs WHERE id = ?')
      .bind(runId)
      .first();
    expect(run).toEqual({ scored: 3, unscored: 1, warned: 1, scored_on: '2026-10-12' });

    const page = await (await call(f.keys.supervisor, 'GET', '/v1/early-warnings')).json<Page>();
    expect(page.scoredOn).toBe('2026-10-12');
    expect(page.items.map((w) => w.account.externalRef)).toEqual(['K-1', 'K-2']);
    const [risky, steadyOne] = page.items as [Warning, Warning];
    expect(risky.probability).toBeGreaterThan(0.5);
    expect(risky).toMatchObject({ action: 'call', customer: { name: 'Lin Mei', phone: '+886 2 1234' } });
    expect(risky.reasons.map((r) => r.message)).toContain('Paid 2 months late in September 2026');
    expect(risky.actionReasons[0]?.message).toMatch(/^Probability 0\.\d+ >= call threshold 0\.5$/);
    expect(steadyOne.probability).toBeLessThan(risky.probability);
    expect(steadyOne.action).toBe('none');
    for (const w of page.items)
      for (const r of w.reasons) expect(r.message).not.toMatch(/[{}]|undefined|NaN/);
  });

  it('pages by keyset and filters by action', async () => {
    const first = await (await call(f.keys.supervisor, 'GET', '/v1/early-warnings?limit=1')).json<Page>();
    expect(first.items.map((w) => w.account.externalRef)).toEqual(['K-1']);
    const second = await (
      await call(f.keys.supervisor, 'GET', `/v1/early-warnings?limit=1&cursor=${first.nextCursor}`)
    ).json<Page>();
    expect(second.items.map((w) => w.account.externalRef)).toEqual(['K-2']);
    expect(second.nextCursor).toBeNull();
    const calls = await (await call(f.keys.supervisor, 'GET', '/v1/early-warnings?action=call')).json<Page>();
    expect(calls.items.map((w) => w.account.externalRef)).toEqual(['K-1']);
  });

  it('masks names and phones for analysts; field agents and agencies may not list customers who are not overdue', async () => {
    const page = await (await call(f.keys.analyst, 'GET', '/v1/early-warnings')).json<Page>();
    expect(page.items[0]?.customer).toMatchObject({ name: '***', phone: '***' });
    expect((await call(f.keys.agent, 'GET', '/v1/early-warnings')).status).toBe(403);
    expect((await call(f.keys.agency, 'GET', '/v1/early-warnings')).status).toBe(403);
  });

  it('reports the population stability of the portfolio against the training rows', async () => {
    const response = await call(f.keys.analyst, 'GET', '/v1/reports/risk-model-stability');
    expect(response.status).toBe(200);
    const report = await response.json<{
      sampled: number;
      population: number;
      score: { psi: number; level: string };
      features: { name: string; psi: number }[];
    }>();
    // Every open account with statements, overdue or not; the three-month history cannot be scored.
    expect(report).toMatchObject({ sampled: 4, population: 3 });
    expect(report.features.map((row) => row.name)).toContain('delayMonths0');
    // Three customers, two of them two months late, are nothing like 24,000 card holders.
    expect(report.score.psi).toBeGreaterThan(0.25);
    expect(report.score.level).toBe('shifted');
  });
});

describe('a daily run that lost its message', () => {
  it('gets its message again once it has not moved for ten minutes, and only then', async () => {
    const run = await env.DB.prepare('SELECT id FROM risk_runs WHERE tenant_id = ?')
      .bind(f.tenantId)
      .first<{ id: string }>();
    const setMoved = (at: number) =>
      env.DB.prepare(
        `UPDATE risk_runs SET status = 'running', created_at = ?1, progressed_at = ?1, nudged_at = NULL WHERE id = ?2`,
      )
        .bind(at, run!.id)
        .run();
    await setMoved(NOW - 5 * 60_000);
    expect((await startRiskRuns({ env, d1: env.DB }, ports)).resent).not.toContain(run!.id);
    await setMoved(NOW - 11 * 60_000);
    expect((await startRiskRuns({ env, d1: env.DB }, ports)).resent).toContain(run!.id);
    // Nudged now: the next tick waits another stall period before sending again.
    expect((await startRiskRuns({ env, d1: env.DB }, ports)).resent).not.toContain(run!.id);
    await env.DB.prepare(`UPDATE risk_runs SET status = 'completed' WHERE id = ?`).bind(run!.id).run();
  });
});

describe('the screening of overdue cases reads the same score', () => {
  it('a policy set with risk-score ranks an overdue case with its early-warning probability and top reason', async () => {
    const activated = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
      body: {
        reason: 'rank overdue cases by the early-warning score too',
        document: {
          version: 'with-risk-score',
          screening: [{ id: 'weighted-risk' }, { id: 'risk-score', options: { maxPoints: 30 } }],
          compliance: [],
          preparation: { id: 'standard-dossier' },
          repayment: { id: 'affordable-plan' },
          followUp: { id: 'willingness-ability' },
          riskModel: { id: 'credit-default-gbm', options: { callFrom: 0.6 } },
        },
      },
    });
    expect(activated.status).toBe(201);
    const overdue = await env.DB.prepare(
      `SELECT k.id FROM cases k JOIN accounts a ON a.id = k.account_id WHERE k.tenant_id = ? AND a.external_ref = 'K-3'`,
    )
      .bind(f.tenantId)
      .first<{ id: string }>();
    const screened = await call(f.keys.supervisor, 'POST', '/v1/screenings', { body: { filter: {} } });
    expect(screened.status).toBe(201);
    const decision = await env.DB.prepare(
      'SELECT reasons FROM screening_decisions WHERE tenant_id = ? AND case_id = ?',
    )
      .bind(f.tenantId, overdue?.id)
      .first<{ reasons: string }>();
    const messages = (JSON.parse(decision!.reasons) as { message: string }[]).map((r) => r.message);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^Risk model credit-default-gbm@2\.0\.0: \d+% likely to miss the next payment \(\w+\) scores [\d.]+\/30$/,
      ),
    );
    expect(messages).toContain('Risk model’s top reason: Paid 2 months late in September 2026');
  });
});
