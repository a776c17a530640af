import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowedWindowsFor } from '../src/compliance/enforce';
import { database } from '../src/db/client';
import { planningContext } from '../src/planning/solve-job';
import { findPlan, solvePlan } from '../src/planning/visit-plans';
import { runtimePorts } from '../src/ports/runtime';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
let uk: FixtureTenant;
const PLANNED_AT = '2026-11-01T00:00:00.000Z';

beforeAll(async () => {
  f = await createFixtureTenant('cplan');
  uk = await createFixtureTenant('cplanuk');
  await env.DB.prepare(`UPDATE tenants SET jurisdiction = 'uk', time_zone = 'Europe/London' WHERE id = ?`)
    .bind(uk.tenantId)
    .run();
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE tenants SET settings = json_set(settings, '$.holidays', json('["2026-11-05"]')) WHERE id = ?`,
    ).bind(f.tenantId),
    env.DB.prepare(`UPDATE customers SET flags = '{"deceased":true}' WHERE tenant_id = ? AND id = ?`).bind(
      f.tenantId,
      f.customerB,
    ),
  ]);
});

describe('allowed windows for the planner', () => {
  it('gives each case its local day inside 08:00–22:00, nothing under a veto or on a holiday, and skips foreign cases', async () => {
    const db = database(env.DB);
    const day = await allowedWindowsFor(
      db,
      f.tenantId,
      [f.caseA, f.caseB, 'case_not_here'],
      '2026-11-04',
      PLANNED_AT,
    );
    expect([...day.keys()].sort()).toEqual([f.caseA, f.caseB].sort());
    expect(day.get(f.caseA)).toEqual({
      windows: [{ start: '2026-11-04T00:00:00.000Z', end: '2026-11-04T14:00:00.000Z' }],
      vetoes: [],
      staffNeeded: 2,
    });
    expect(day.get(f.caseB)?.windows).toEqual([]);
    expect(day.get(f.caseB)?.vetoes.map((veto) => veto.rule)).toEqual(['deceased']);

    const holiday = await allowedWindowsFor(db, f.tenantId, [f.caseA], '2026-11-05', PLANNED_AT);
    expect(holiday.get(f.caseA)?.windows).toEqual([]);
    expect(holiday.get(f.caseA)?.vetoes.map((veto) => veto.rule)).toEqual(['holidays']);
  });

  it('UK: the 48-hour notice runs from the plan, so tomorrow cannot be planned today', async () => {
    const db = database(env.DB);
    const tomorrow = await allowedWindowsFor(
      db,
      uk.tenantId,
      [uk.caseA],
      '2026-11-04',
      '2026-11-03T09:00:00.000Z',
    );
    expect(tomorrow.get(uk.caseA)?.windows).toEqual([]);
    expect(tomorrow.get(uk.caseA)?.vetoes.map((veto) => veto.code)).toEqual(['visit.short-notice']);
    const ahead = await allowedWindowsFor(db, uk.tenantId, [uk.caseA], '2026-11-04', PLANNED_AT);
    expect(ahead.get(uk.caseA)).toEqual({
      windows: [{ start: '2026-11-04T08:00:00.000Z', end: '2026-11-04T21:00:00.000Z' }],
      vetoes: [],
      staffNeeded: 1,
    });
  });

  it('a CN plan of one-person teams plans no visit: the pack needs two staff, and says so', async () => {
    const single = 'case_cplan_single';
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO accounts (id, tenant_id, customer_id, external_ref, kind, product, currency, limit_or_principal, status, dpd, overdue_total, created_at, updated_at)
         VALUES ('acc_cplan_single', ?, ?, 'acc_cplan_single', 'loan', 'consumer-loan', 'CNY', 5000000, 'delinquent', 45, 320000, 0, 0)`,
      ).bind(f.tenantId, f.customerA),
      env.DB.prepare(
        `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, region_id, agency_id, eligible, priority, opened_at, updated_at)
         VALUES (?, ?, ?, 'acc_cplan_single', 'screened', 'M2', 45, 320000, 320000, 'CNY', 'reg_futian', ?, 1, 0.7, 0, 0)`,
      ).bind(single, f.tenantId, f.customerA, f.agencyA),
    ]);
    const created = await call(f.keys.supervisor, 'POST', '/v1/visit-plans', {
      body: { date: '2026-12-02', agentIds: [f.agentA1], teamSize: 1 },
    });
    expect(created.status).toBe(202);
    const { id } = await created.json<{ id: string }>();
    const plan = await findPlan(env.DB, f.tenantId, id);
    if (!plan) throw new Error('plan not written');
    await solvePlan(planningContext({ env, d1: env.DB, ports: runtimePorts() }), env.JOBS, plan);

    const solved = await (await call(f.keys.supervisor, 'GET', `/v1/visit-plans/${id}`)).json<{
      routes: { stops: unknown[] }[];
      unplanned: { caseId: string; reasons: { code: string }[] }[];
    }>();
    expect(solved.routes.flatMap((route) => route.stops)).toEqual([]);
    expect(solved.unplanned).toEqual([
      { caseId: single, reasons: [expect.objectContaining({ code: 'unplanned.staff' })] },
    ]);
  });
});
