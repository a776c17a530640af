import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureKey, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

interface CaseDossier {
  dossier: {
    caseId: string;
    customer: { name: string; addressLines: string[]; preferredContact: string | null };
    account: { id: string; type: string; product: string };
    overdue: { dpd: number; bucket: string };
    overdueHistory: { dpd: number }[];
    payments: { amount: { amountMinor: number } }[];
    contacts: { attempts: number; reached: number };
    household: string;
    likelyDifficulties: { code: string; data: Record<string, unknown> }[];
    previousVisits: { contactResult: string; willingness: number | null }[];
    promises: { dueDate: string; status: string }[];
    repaymentPlans: { id: string; status: string; instalments: number; firstDueDate: string }[];
  };
  purpose: string;
  reasons: { code: string }[];
  checklist: { item: string }[];
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1);

/** Case A's history: two snapshots, a payment, a completed visit with hardship, a broken promise, an accepted plan. */
async function seedHistory(tenant: FixtureTenant) {
  const db = env.DB;
  const account = tenant.customerA.replace('cus_', 'acc_');
  const visit = `${tenant.visitA1}_done`;
  await db.batch([
    ...[
      [1, '2026-09-01', 12, 100000],
      [2, '2026-10-01', 45, 320000],
    ].map(([sequence, asOf, dpd, principal]) =>
      db
        .prepare(
          `INSERT INTO delinquency_snapshots (tenant_id, account_id, sequence, as_of, dpd, overdue_principal, overdue_interest,
             overdue_fees, currency, bucket, received_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 'CNY', 'M2', ?)`,
        )
        .bind(tenant.tenantId, account, sequence, asOf, dpd, principal, T0),
    ),
    db
      .prepare(`UPDATE accounts SET last_sequence = 2 WHERE tenant_id = ? AND id = ?`)
      .bind(tenant.tenantId, account),
    db
      .prepare(
        `INSERT INTO payments (id, tenant_id, account_id, case_id, external_ref, amount, currency, paid_at, received_at)
         VALUES (?, ?, ?, ?, 'P-dossier', 15000, 'CNY', ?, ?)`,
      )
      .bind(`pay_${tenant.tenantId}`, tenant.tenantId, account, tenant.caseA, T0 - 5 * DAY, T0),
    db
      .prepare(
        `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, lead_agent_id, window_start, window_end, status,
           checked_in_at, created_at, updated_at)
         VALUES (?, ?, ?, 'understand_situation', ?, ?, ?, ?, 'completed', ?, ?, ?)`,
      )
      .bind(
        visit,
        tenant.tenantId,
        tenant.caseA,
        JSON.stringify([tenant.agentA1]),
        tenant.agentA1,
        T0 - 20 * DAY,
        T0 - 20 * DAY + 3_600_000,
        T0 - 20 * DAY,
        T0 - 21 * DAY,
        T0 - 20 * DAY,
      ),
    db
      .prepare(
        `INSERT INTO visit_outcomes (visit_id, tenant_id, case_id, agent_id, contact_result, local_date, bucket, checklist,
           hardship, willingness, ability_per_month, satisfaction, notes, recorded_at)
         VALUES (?, ?, ?, ?, 'customer_met', '2026-09-11', 'M2', '[]', '["illness"]', 2, 50000, 4, 'private', ?)`,
      )
      .bind(visit, tenant.tenantId, tenant.caseA, tenant.agentA1, T0 - 20 * DAY + 1_800_000),
    db
      .prepare(
        `INSERT INTO promises (id, tenant_id, case_id, visit_id, amount, currency, promised_date, due_at, status, created_at)
         VALUES (?, ?, ?, ?, 30000, 'CNY', '2026-09-20', ?, 'broken', ?)`,
      )
      .bind(`ptp_${tenant.tenantId}`, tenant.tenantId, tenant.caseA, visit, T0 - 10 * DAY, T0 - 20 * DAY),
    db
      .prepare(
        `INSERT INTO repayment_plans (id, tenant_id, case_id, status, total, currency, term_months, reasons, proposed_at, accepted_at)
         VALUES (?, ?, ?, 'accepted', 320000, 'CNY', 2, '[]', ?, ?)`,
      )
      .bind(`plan_${tenant.tenantId}`, tenant.tenantId, tenant.caseA, T0 - 2 * DAY, T0 - DAY),
    ...[
      [1, '2026-10-15', 160000],
      [2, '2026-11-15', 160000],
    ].map(([seq, dueDate, amount]) =>
      db
        .prepare(
          `INSERT INTO instalments (plan_id, seq, tenant_id, due_date, due_at, amount, status) VALUES (?, ?, ?, ?, ?, ?, 'pending')`,
        )
        .bind(
          `plan_${tenant.tenantId}`,
          seq,
          tenant.tenantId,
          dueDate,
          Date.parse(`${dueDate}T16:00:00Z`),
          amount,
        ),
    ),
  ]);
}

async function dossierAs(key: FixtureKey) {
  const response = await call(f.keys[key], 'GET', `/v1/cases/${f.caseA}/dossier`);
  expect(response.status).toBe(200);
  return response.json<CaseDossier>();
}

describe('GET /v1/cases/{caseId}/dossier', () => {
  beforeAll(async () => {
    f = await createFixtureTenant('dossier');
    await seedHistory(f);
  });

  it('builds the dossier from the case history with the tenant’s preparation policy', async () => {
    const { dossier, purpose, reasons, checklist } = await dossierAs('agent');
    expect(dossier.caseId).toBe(f.caseA);
    expect(dossier.customer).toMatchObject({ name: 'Wang Fang', addressLines: ['1 Shennan Rd'] });
    expect(dossier.account).toMatchObject({ type: 'loan', product: 'consumer-loan' });
    expect(dossier.overdue).toMatchObject({ dpd: 45, bucket: 'M2' });
    expect(dossier.overdueHistory.map((s) => s.dpd)).toEqual([12]);
    expect(dossier.payments.map((p) => p.amount.amountMinor)).toEqual([15000]);
    expect(dossier.contacts).toMatchObject({ attempts: 1, reached: 1 });
    expect(dossier.household).toBe('lives with parents');
    expect(dossier.likelyDifficulties).toMatchObject([
      { code: 'difficulty.hardship', data: { hardship: 'illness' } },
    ]);
    expect(dossier.previousVisits).toEqual([
      expect.objectContaining({ contactResult: 'customer_met', willingness: 2 }),
    ]);
    expect(dossier.promises).toEqual([expect.objectContaining({ dueDate: '2026-09-20', status: 'broken' })]);
    expect(dossier.repaymentPlans).toEqual([
      expect.objectContaining({ status: 'agreed', instalments: 2, firstDueDate: '2026-10-15' }),
    ]);
    // Illness reported at the last visit: the default policy suggests a hardship review.
    expect(purpose).toBe('hardship_review');
    expect(reasons.map((r) => r.code)).toEqual(['purpose.hardship-reported']);
    expect(checklist.map((c) => c.item)).toContain('show_staff_id');
  });

  it('masks who and where the customer is for analyst and agency keys, not for those who visit or supervise', async () => {
    for (const key of ['analyst', 'agency'] as const) {
      const { dossier } = await dossierAs(key);
      expect(dossier.customer).toMatchObject({ name: '***', addressLines: ['***'], preferredContact: '***' });
      expect(dossier.household).toBe('***');
      expect(dossier.overdue.dpd).toBe(45);
    }
    for (const key of ['supervisor', 'agent'] as const)
      expect((await dossierAs(key)).dossier.customer.name).toBe('Wang Fang');
  });

  it('writes every view to the audit trail: who, when, which case', async () => {
    const before = Date.now();
    await dossierAs('agency');
    const { results } = await env.DB.prepare(
      `SELECT actor_key_id, actor_role, at, data FROM audit_log
       WHERE tenant_id = ? AND action = 'dossier.viewed' AND subject_type = 'case' AND subject_id = ? AND actor_key_id = ?`,
    )
      .bind(f.tenantId, f.caseA, f.keyIds.agency)
      .all<{ actor_key_id: string; actor_role: string; at: number; data: string }>();
    expect(results.length).toBeGreaterThan(0);
    const last = results.at(-1)!;
    expect(last.actor_role).toBe('agency');
    expect(last.at).toBeGreaterThanOrEqual(before - 60_000);
    expect(JSON.parse(last.data)).toMatchObject({ masked: true });
  });

  it('reads in a constant number of D1 statements, however long the history', async () => {
    const statements = async (caseId: string) =>
      (await call(f.keys.supervisor, 'GET', `/v1/cases/${caseId}/dossier`)).headers.get('X-D1-Queries');
    // Case A has snapshots, a payment, a visit with its outcome, a promise and a plan; case B has none.
    expect(await statements(f.caseA)).toBe(await statements(f.caseB));
  });

  it('is 404 for a case outside the key’s scope, and writes no audit row for it', async () => {
    const response = await call(f.keys.agent, 'GET', `/v1/cases/${f.caseB}/dossier`);
    expect(response.status).toBe(404);
    const row = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM audit_log
       WHERE tenant_id = ? AND action = 'dossier.viewed' AND subject_id = ? AND actor_key_id = ?`,
    )
      .bind(f.tenantId, f.caseB, f.keyIds.agent)
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });
});
