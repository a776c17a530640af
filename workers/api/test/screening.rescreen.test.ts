import { env } from 'cloudflare:test';
import { NO_CUSTOMER_FLAGS } from '@doorstep/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runtimePorts } from '../src/ports/runtime';
import { RESCREEN_STALL_MS, startRescreenRuns } from '../src/screening/rescreen-sweep';
import { handleScreeningRun } from '../src/screening/run-job';
import { delinquency, event, intakeTenant, signedFetch } from './intake.helpers';

const ports = runtimePorts();
const context = { env, ports };

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
  const { runIds } = await startRescreenRuns(env, ports);
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

  it('a run whose queue message was lost is replaced after the stall limit, and nothing stays unscreened', async () => {
    await send([delinquency('3', 1, 35, 200_000, '2026-10-01T00:00:00Z')]);
    const lost = await startOurs();
    expect(lost).toBeDefined();
    // The message never arrives; once the run is older than the stall limit the next tick replaces it.
    await env.DB.prepare('UPDATE screening_runs SET created_at = ? WHERE id = ?')
      .bind(Date.now() - RESCREEN_STALL_MS - 1, lost)
      .run();
    const replacement = await startOurs();
    expect(replacement).toBeDefined();
    const abandoned = await env.DB.prepare('SELECT status FROM screening_runs WHERE id = ?')
      .bind(lost)
      .first<{ status: string }>();
    expect(abandoned?.status).toBe('failed');
    // The lost message turning up late does nothing: its run is no longer running.
    await handleScreeningRun(
      { type: 'screening.run', v: 1, tenantId: tenant.tenantId, runId: lost!, afterCaseId: null },
      context,
    );
    expect(await drive(replacement!)).toBe('completed');
    expect((await casesOf()).every((row) => row.last_screened_at !== null)).toBe(true);
  });
});
