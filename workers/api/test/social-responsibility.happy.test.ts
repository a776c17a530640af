import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
const at = (iso: string) => Date.parse(iso);

describe('social-responsibility summary', () => {
  beforeAll(async () => {
    f = await createFixtureTenant('social');
    const db = env.DB;
    const plan = (id: string, acceptedAt: string, hardship: number, waived: number) =>
      db
        .prepare(
          `INSERT INTO repayment_plans (id, tenant_id, case_id, status, total, waived, currency, term_months, reasons, hardship, proposed_at, accepted_at)
           VALUES (?, ?, ?, 'accepted', 100000, ?, 'CNY', 6, '[]', ?, 0, ?)`,
        )
        .bind(id, f.tenantId, f.caseA, waived, hardship, at(acceptedAt));
    const outcome = (id: string, localDate: string, satisfaction: number) =>
      db
        .prepare(
          `INSERT INTO visit_outcomes (visit_id, tenant_id, case_id, agent_id, contact_result, local_date, bucket, checklist, satisfaction, recorded_at)
           VALUES (?, ?, ?, ?, 'customer_met', ?, 'M2', '{}', ?, 0)`,
        )
        .bind(id, f.tenantId, f.caseA, f.agentA1, localDate, satisfaction);
    await db.batch([
      // 23:30 UTC on 31 Oct is 07:30 on 1 Nov in Shanghai: it belongs to November.
      plan('plan_s1', '2026-10-31T23:30:00Z', 1, 5000),
      plan('plan_s2', '2026-10-10T03:00:00Z', 1, 0),
      plan('plan_s3', '2026-10-11T03:00:00Z', 0, 2000),
      outcome('vis_s1', '2026-10-05', 2),
      outcome('vis_s2', '2026-10-06', 3),
      outcome('vis_s3', '2026-11-02', 5),
      outcome('vis_s4', '2026-11-03', 4),
    ]);
  });

  it('counts plans, waivers, complaints and satisfaction per local month and in total', async () => {
    const recorded = await call(f.keys.agent, 'POST', '/v1/complaints', {
      body: {
        caseId: f.caseA,
        channel: 'phone',
        category: 'visiting-hours',
        receivedAt: '2026-11-04T02:00:00.000Z',
      },
    });
    expect(recorded.status).toBe(201);
    expect((await recorded.json<{ localDate: string }>()).localDate).toBe('2026-11-04');

    const response = await call(
      f.keys.analyst,
      'GET',
      '/v1/reports/social-responsibility?from=2026-10-01&to=2026-11-30',
    );
    expect(response.status).toBe(200);
    const summary = await response.json<{
      periods: {
        period: string;
        hardshipPlansAgreed: number;
        feesWaived: { amountMinor: number; currency: string }[];
        complaints: { complaints: number; visitsMade: number; perThousandVisits: number | null };
        satisfaction: { value: number | null };
        satisfactionChange: number | null;
      }[];
      totals: { hardshipPlansAgreed: number };
    }>();
    const [october, november] = summary.periods;
    expect(october).toMatchObject({
      period: '2026-10',
      hardshipPlansAgreed: 1,
      feesWaived: [{ amountMinor: 2000, currency: 'CNY' }],
    });
    expect(october?.satisfaction.value).toBe(2.5);
    expect(november).toMatchObject({
      period: '2026-11',
      hardshipPlansAgreed: 1,
      feesWaived: [{ amountMinor: 5000, currency: 'CNY' }],
    });
    expect(november?.complaints).toEqual({ complaints: 1, visitsMade: 2, perThousandVisits: 500 });
    expect(november?.satisfactionChange).toBe(2);
    expect(summary.totals.hardshipPlansAgreed).toBe(2);
  });

  it('refuses a complaint with an unknown channel, naming the field', async () => {
    const response = await call(f.keys.supervisor, 'POST', '/v1/complaints', {
      body: { channel: 'pigeon', category: 'other', receivedAt: '2026-11-04T02:00:00.000Z' },
    });
    expect(response.status).toBe(422);
    const problem = await response.json<{ errors: { path: string }[] }>();
    expect(problem.errors.map((e) => e.path)).toContain('/channel');
  });
});
