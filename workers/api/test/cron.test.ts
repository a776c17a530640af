import { env } from 'cloudflare:test';
import { NO_CUSTOMER_FLAGS } from '@doorstep/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { database } from '../src/db/client';
import { GIVE_UP_MS, resendStalledWork, STALL_MS } from '../src/jobs/stalled-work';
import { handlePlanSolve } from '../src/planning/solve-job';
import { runtimePorts } from '../src/ports/runtime';
import { guardedBatch } from '../src/repositories/audit';
import { screenChunk } from '../src/screening/chunk';
import { startRescreenRuns } from '../src/screening/rescreen-sweep';
import { handleScreeningRun } from '../src/screening/run-job';
import { findTenantPolicy } from '../src/screening/runs';
import { delinquency, event, intakeTenant, signedFetch } from './intake.helpers';

const ports = runtimePorts();
const context = { env, d1: env.DB, ports };

let tenant: { tenantId: string; secret: string };

const send = (events: unknown[]) =>
  signedFetch('/v1/intake/events', {
    tenantId: tenant.tenantId,
    secrets: [tenant.secret],
    body: JSON.stringify(events),
  });

const flags = (dispute: boolean) => ({ ...NO_CUSTOMER_FLAGS, dispute });

interface CaseRow {
  ref: string;
  eligible: number | null;
  last_screened_at: number | null;
}

const casesOf = async () =>
  (
    await env.DB.prepare(
      `SELECT a.external_ref AS ref, k.eligible, k.last_screened_at FROM cases k JOIN accounts a ON a.id = k.account_id
       WHERE k.tenant_id = ? ORDER BY a.external_ref`,
    )
      .bind(tenant.tenantId)
      .all<CaseRow>()
  ).results;

/** Starts this tenant's re-screening run (other test tenants in this D1 may get theirs too). */
async function startOurs(): Promise<string | undefined> {
  const { runIds } = await startRescreenRuns({ env, d1: env.DB }, ports);
  const ours = await env.DB.prepare(
    `SELECT id FROM screening_runs WHERE tenant_id = ? AND id IN (SELECT value FROM json_each(?))`,
  )
    .bind(tenant.tenantId, JSON.stringify(runIds))
    .first<{ id: string }>();
  return ours?.id;
}

/** Plays the queue: the run's chunks until it completes, each one as the consumer would. */
async function drive(runId: string) {
  for (let chunk = 0; chunk < 10; chunk++) {
    const run = await env.DB.prepare('SELECT status, after_case_id FROM screening_runs WHERE id = ?')
      .bind(runId)
      .first<{ status: string; after_case_id: string | null }>();
    if (run?.status !== 'running') return run?.status;
    await handleScreeningRun(
      { type: 'screening.run', v: 1, tenantId: tenant.tenantId, runId, afterCaseId: run.after_case_id },
      context,
    );
  }
  throw new Error('run did not finish');
}

beforeAll(async () => {
  tenant = await intakeTenant('rescreen');
  const response = await send([
    delinquency('1', 1, 40, 300_000, '2026-10-01T00:00:00Z'),
    delinquency('2', 1, 70, 900_000, '2026-10-01T00:00:00Z'),
  ]);
  expect(response.status).toBe(200);
});

describe('re-screening what intake touched (cron)', () => {
  it('screens new cases once, through the queue, and starts no second run while one is under way', async () => {
    expect((await casesOf()).map((row) => row.last_screened_at)).toEqual([null, null]);
    const runId = await startOurs();
    expect(runId).toBeDefined();
    expect(await startOurs()).toBeUndefined();
    expect(await drive(runId!)).toBe('completed');
    const screened = await casesOf();
    expect(screened.every((row) => row.last_screened_at !== null && row.eligible === 1)).toBe(true);
    expect(await startOurs()).toBeUndefined();
    const audit = await env.DB.prepare(
      `SELECT actor_role, action FROM audit_log WHERE tenant_id = ? AND subject_id = ?`,
    )
      .bind(tenant.tenantId, runId)
      .first();
    expect(audit).toEqual({ actor_role: 'system', action: 'screening.started' });
  });

  it('a flags change clears the customer’s screening; the next tick re-screens only that case and excludes it with the rule', async () => {
    const response = await send([
      event('customer.flags_changed', '2026-10-05T08:00:00Z', { customerRef: 'C-2', flags: flags(true) }),
    ]);
    expect(response.status).toBe(200);
    const touched = await casesOf();
    expect(touched.map((row) => [row.ref, row.last_screened_at === null])).toEqual([
      ['A-1', false],
      ['A-2', true],
    ]);
    const runId = await startOurs();
    expect(await drive(runId!)).toBe('completed');
    const run = await env.DB.prepare('SELECT screened FROM screening_runs WHERE id = ?')
      .bind(runId)
      .first<{ screened: number }>();
    expect(run?.screened).toBe(1);
    const decision = await env.DB.prepare(
      `SELECT d.eligible, d.reasons FROM screening_decisions d WHERE d.tenant_id = ? AND d.id LIKE ?`,
    )
      .bind(tenant.tenantId, `${runId}:%`)
      .first<{ eligible: number; reasons: string }>();
    expect(decision?.eligible).toBe(0);
    expect(JSON.parse(decision!.reasons)).toEqual([expect.objectContaining({ code: 'customer.dispute' })]);
  });

  it('a run whose queue message was lost is re-sent by the stalled-work sweep, once per stall period', async () => {
    await send([delinquency('3', 1, 35, 200_000, '2026-10-01T00:00:00Z')]);
    const lost = await startOurs();
    expect(lost).toBeDefined();
    // The first chunk's message never arrives; no other run starts meanwhile.
    expect(await startOurs()).toBeUndefined();
    expect((await resendStalledWork({ env, d1: env.DB }, ports)).runs).not.toContain(lost);
    await env.DB.prepare('UPDATE screening_runs SET created_at = ? WHERE id = ?')
      .bind(Date.now() - STALL_MS - 1, lost)
      .run();
    expect((await resendStalledWork({ env, d1: env.DB }, ports)).runs).toContain(lost);
    expect((await resendStalledWork({ env, d1: env.DB }, ports)).runs).not.toContain(lost);
    expect(await drive(lost!)).toBe('completed');
    expect((await casesOf()).every((row) => row.last_screened_at !== null)).toBe(true);
  });
});

describe('screening racing other writers', () => {
  it('a case planned while its chunk was being decided keeps its new status; the chunk updates only what it read', async () => {
    await send([delinquency('4', 1, 50, 250_000, '2026-10-01T00:00:00Z')]);
    const kase = await env.DB.prepare(
      `SELECT k.id FROM cases k JOIN accounts a ON a.id = k.account_id WHERE k.tenant_id = ? AND a.external_ref = 'A-4'`,
    )
      .bind(tenant.tenantId)
      .first<{ id: string }>();
    const found = await findTenantPolicy(database(env.DB), tenant.tenantId);
    const run = {
      id: 'scr_cron_race',
      tenantId: tenant.tenantId,
      filter: { unscreened: true },
      policyVersion: 0,
      afterCaseId: null,
    };
    const chunk = await screenChunk(database(env.DB), ports, run, { tenant: found!.tenant, policy: null });
    // Meanwhile the planner gives the case its visit (a guarded move, version bumped).
    await env.DB.prepare(
      `UPDATE cases SET status = 'planned', version = version + 1 WHERE tenant_id = ? AND id = ? AND status = 'open'`,
    )
      .bind(tenant.tenantId, kase!.id)
      .run();
    await guardedBatch(env.DB, chunk.writes);
    const after = await env.DB.prepare('SELECT status, last_screened_at FROM cases WHERE id = ?')
      .bind(kase!.id)
      .first();
    expect(after).toEqual({ status: 'planned', last_screened_at: null });
  });
});

describe('stalled visit plans (cron)', () => {
  const insertPlan = (id: string, createdAt: number) =>
    env.DB.prepare(
      `INSERT INTO visit_plans (id, tenant_id, date, status, agent_ids, unassigned, stats, created_at)
       VALUES (?, ?, '2026-12-02', 'solving', '[]', '[]', '{"teamSize":1,"maxCases":10}', ?)`,
    )
      .bind(id, tenant.tenantId, createdAt)
      .run();
  const statusOf = async (id: string) =>
    (await env.DB.prepare('SELECT status FROM visit_plans WHERE id = ?').bind(id).first<{ status: string }>())
      ?.status;

  it('re-sends the solve of a plan stuck solving, and gives one up after a day', async () => {
    await insertPlan('vpl_rescreen_stuck', Date.now() - STALL_MS - 1);
    await insertPlan('vpl_rescreen_fresh', Date.now());
    await insertPlan('vpl_rescreen_hopeless', Date.now() - GIVE_UP_MS - 1);
    const resent = await resendStalledWork({ env, d1: env.DB }, ports);
    expect(resent.plans).toContain('vpl_rescreen_stuck');
    expect(resent.plans).not.toContain('vpl_rescreen_fresh');
    expect(resent.givenUp).toContain('vpl_rescreen_hopeless');
    expect(await statusOf('vpl_rescreen_hopeless')).toBe('failed');
    const audit = await env.DB.prepare(`SELECT actor_role, action FROM audit_log WHERE subject_id = ?`)
      .bind('vpl_rescreen_hopeless')
      .all();
    expect(audit.results).toEqual([{ actor_role: 'system', action: 'visit-plan.given-up' }]);
    // The re-sent message solves it (no agents: a draft with nothing planned).
    await handlePlanSolve(
      { type: 'plan.solve', v: 1, tenantId: tenant.tenantId, planId: 'vpl_rescreen_stuck' },
      context,
    );
    expect(await statusOf('vpl_rescreen_stuck')).toBe('draft');
    expect((await resendStalledWork({ env, d1: env.DB }, ports)).plans).not.toContain('vpl_rescreen_stuck');
  });
});

describe('stalled re-plans and preparations (cron)', () => {
  it('re-sends a re-plan stuck solving and the preparation of a plan with visits left unprepared; gives a re-plan up after a day', async () => {
    const long = Date.now() - STALL_MS - 1;
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO visit_plans (id, tenant_id, date, status, agent_ids, unassigned, stats, created_at)
         VALUES ('vpl_cron_day', ?1, '2026-12-09', 'published', '[]', '[]', '{"teamSize":1,"maxCases":10}', 0)`,
      ).bind(tenant.tenantId),
      env.DB.prepare(
        `INSERT INTO visit_plan_replans (id, tenant_id, plan_id, status, at, request, created_at)
         VALUES ('rpl_cron_stuck', ?1, 'vpl_cron_day', 'solving', 0, '{}', ?2)`,
      ).bind(tenant.tenantId, long),
      env.DB.prepare(
        `INSERT INTO visit_plan_replans (id, tenant_id, plan_id, status, at, request, created_at)
         VALUES ('rpl_cron_hopeless', ?1, 'vpl_cron_other', 'solving', 0, '{}', ?2)`,
      ).bind(tenant.tenantId, Date.now() - GIVE_UP_MS - 1),
      env.DB.prepare(
        `INSERT INTO visits (id, tenant_id, case_id, plan_id, purpose, agent_ids, status, created_at, updated_at)
         VALUES ('vis_cron_unprepared', ?1, 'case_cron_x', 'vpl_cron_day', 'understand_situation', '[]', 'planned', ?2, 0)`,
      ).bind(tenant.tenantId, long),
    ]);
    const resent = await resendStalledWork({ env, d1: env.DB }, ports);
    expect(resent.replans).toContain('rpl_cron_stuck');
    expect(resent.preparations).toContain('vpl_cron_day');
    expect(resent.givenUp).toContain('rpl_cron_hopeless');
    // Once per stall period.
    const again = await resendStalledWork({ env, d1: env.DB }, ports);
    expect(again.replans).not.toContain('rpl_cron_stuck');
    expect(again.preparations).not.toContain('vpl_cron_day');
  });
});
