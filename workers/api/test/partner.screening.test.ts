import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { runtimePorts } from '../src/ports/runtime';
import { handleScreeningRun } from '../src/screening/run-job';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('screen');
  // 230 open cases in agency B on the fixture's customer: more than two chunks.
  await env.DB.batch(
    Array.from({ length: 230 }, (_, i) =>
      env.DB.prepare(
        `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, region_id, agency_id, opened_at, updated_at)
         VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, 'CNY', 'reg_futian', ?, 0, 0)`,
      ).bind(
        `case_screen_${String(i).padStart(3, '0')}`,
        f.tenantId,
        f.customerB,
        f.customerB.replace('cus_', 'acc_'),
        i % 3 === 0 ? 'M3' : 'M1',
        5 + (i % 90),
        1000 * (1 + (i % 50)),
        1000 * (1 + (i % 50)),
        f.agencyB,
      ),
    ),
  );
});

type Run = { id: string; status: string; screened: number; eligible: number };

describe('screenings', () => {
  it('screens a small filter inline: decisions with reasons stored, cases get eligibility and priority', async () => {
    const response = await call(f.keys.supervisor, 'POST', '/v1/screenings', {
      body: { filter: { agencyId: f.agencyA } },
    });
    expect(response.status).toBe(201);
    const run = await response.json<Run>();
    expect(run).toMatchObject({ status: 'completed', screened: 1 });
    const decision = await env.DB.prepare(
      'SELECT eligible, priority, reasons FROM screening_decisions WHERE tenant_id = ? AND case_id = ?',
    )
      .bind(f.tenantId, f.caseA)
      .first<{ reasons: string }>();
    expect(JSON.parse(decision!.reasons).length).toBeGreaterThan(0);
    const kase = await (await call(f.keys.supervisor, 'GET', `/v1/cases/${f.caseA}`)).json<{
      lastScreenedAt: string | null;
    }>();
    expect(kase.lastScreenedAt).not.toBeNull();
  });

  it('continues a large run chunk by chunk on the queue, and a redelivered chunk changes nothing', async () => {
    const response = await call(f.keys.admin, 'POST', '/v1/screenings', {
      body: { filter: { agencyId: f.agencyB } },
    });
    expect(response.status).toBe(202);
    const location = response.headers.get('Location')!;
    let run = await response.json<Run>();
    expect(run.screened).toBe(100);

    const context = { env, d1: env.DB, ports: runtimePorts() };
    for (let i = 0; i < 5 && run.status === 'running'; i++) {
      const stored = await env.DB.prepare('SELECT after_case_id FROM screening_runs WHERE id = ?')
        .bind(run.id)
        .first<{ after_case_id: string }>();
      const job = {
        type: 'screening.run',
        v: 1,
        tenantId: f.tenantId,
        runId: run.id,
        afterCaseId: stored!.after_case_id,
      } as const;
      await handleScreeningRun(job, context);
      await handleScreeningRun(job, context);
      run = await (await call(f.keys.analyst, 'GET', location)).json<Run>();
    }
    expect(run.status).toBe('completed');
    expect(run.screened).toBe(231);
    const { n } = (await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM screening_decisions WHERE tenant_id = ? AND id LIKE ?`,
    )
      .bind(f.tenantId, `${run.id}:%`)
      .first<{ n: number }>())!;
    expect(n).toBe(231);
    const eligible = await (
      await call(f.keys.supervisor, 'GET', `/v1/cases?agencyId=${f.agencyB}&eligible=true&limit=200`)
    ).json<{
      items: { priority: number }[];
    }>();
    expect(eligible.items.length).toBe(run.eligible);
  });

  it("applies the tenant's jurisdiction pack with each customer's past visits: a dispute and a reached visit cap exclude, with reasons", async () => {
    const db = env.DB;
    const now = Date.now();
    const day = 86_400_000;
    const customerOf = (suffix: string) => `cus_screen_${suffix}`;
    const statements: D1PreparedStatement[] = [];
    for (const [suffix, flags] of [
      ['disputed', '{"dispute":true}'],
      ['visited', '{}'],
      ['clean', '{}'],
    ] as const) {
      const customer = customerOf(suffix);
      const account = `acc_screen_${suffix}`;
      statements.push(
        db
          .prepare(
            `INSERT INTO customers (id, tenant_id, external_ref, name, flags, source_updated_at, created_at, updated_at)
             VALUES (?, ?, ?, 'Li Lei', ?, 0, 0, 0)`,
          )
          .bind(customer, f.tenantId, customer, flags),
        db
          .prepare(
            `INSERT INTO accounts (id, tenant_id, customer_id, external_ref, kind, product, currency, limit_or_principal, status, dpd, overdue_total, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'loan', 'consumer-loan', 'CNY', 5000000, 'delinquent', 75, 420000, 0, 0)`,
          )
          .bind(account, f.tenantId, customer, account),
        db
          .prepare(
            `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, region_id, agency_id, opened_at, updated_at)
             VALUES (?, ?, ?, ?, 'open', 'M3', 75, 420000, 420000, 'CNY', 'reg_futian', 'agy_screen_pack', 0, 0)`,
          )
          .bind(`case_screen_pack_${suffix}`, f.tenantId, customer, account),
      );
    }
    // Three visits that took place in the last days: the cn pack's default cap is 3 per 30 days, so
    // no day of the 14 screening looks at is left. They sit on an older case of the same customer.
    statements.push(
      db
        .prepare(
          `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, opened_at, ended_at, updated_at)
           VALUES ('case_screen_pack_old', ?, ?, 'acc_screen_visited', 'cured', 'M1', 0, 0, 1000, 'CNY', 0, 0, 0)`,
        )
        .bind(f.tenantId, customerOf('visited')),
      ...[1, 2, 3].map((daysAgo) =>
        db
          .prepare(
            `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, lead_agent_id, window_start, window_end, status, checked_in_at, created_at, updated_at)
             VALUES (?, ?, 'case_screen_pack_old', 'understand_situation', '[]', ?, ?, ?, 'completed', ?, 0, 0)`,
          )
          .bind(
            `vis_screen_pack_${daysAgo}`,
            f.tenantId,
            f.agentA1,
            now - daysAgo * day,
            now - daysAgo * day + 3_600_000,
            now - daysAgo * day,
          ),
      ),
    );
    // Two promises the clean customer broke to our agents; core banking reported none.
    statements.push(
      ...[1, 2].map((n) =>
        db
          .prepare(
            `INSERT INTO promises (id, tenant_id, case_id, amount, currency, promised_date, due_at, status, created_at)
             VALUES (?, ?, 'case_screen_pack_clean', 50000, 'CNY', '2026-10-01', 0, 'broken', 0)`,
          )
          .bind(`ptp_screen_pack_${n}`, f.tenantId),
      ),
    );
    await db.batch(statements);

    const response = await call(f.keys.supervisor, 'POST', '/v1/screenings', {
      body: { filter: { agencyId: 'agy_screen_pack' } },
    });
    expect(response.status).toBe(201);
    const decisions = await db
      .prepare(
        `SELECT case_id, eligible, reasons FROM screening_decisions WHERE tenant_id = ? AND case_id LIKE 'case_screen_pack_%'`,
      )
      .bind(f.tenantId)
      .all<{ case_id: string; eligible: number; reasons: string }>();
    const byCase = new Map(
      decisions.results.map((row) => [
        row.case_id.replace('case_screen_pack_', ''),
        {
          eligible: row.eligible === 1,
          codes: (JSON.parse(row.reasons) as { code: string }[]).map((r) => r.code),
          data: (JSON.parse(row.reasons) as { data: Record<string, unknown> }[]).map((r) => r.data),
        },
      ]),
    );
    expect(byCase.get('clean')?.eligible).toBe(true);
    expect(byCase.get('clean')?.data).toContainEqual(expect.objectContaining({ brokenPromises: 2 }));
    expect(byCase.get('disputed')).toMatchObject({ eligible: false, codes: ['customer.dispute'] });
    expect(byCase.get('visited')?.eligible).toBe(false);
    expect(byCase.get('visited')?.codes).toContain('visits.cap-reached');
  });
});
