/**
 * Rollup runs through the API, the queue and the cron: a month's rebuild, its status, the nightly refresh,
 * the backfill of data older than the triggers, the deletion of a replaced run's rows, and the bucket rule
 * turning an unknown DPD into a failed run rather than a bucket.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { runtimePorts } from '../src/ports/runtime';
import { loadRollupRun, runRollupStep, startRollupRun } from '../src/reports/rollups/runs';
import { refreshableMonthEnds, startRollupRuns } from '../src/reports/rollups/sweep';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { driveRollupRuns } from './rollups.helpers';

let f: FixtureTenant;

interface Run {
  id: string;
  kind: string;
  period: string;
  status: string;
  statements: number;
}

beforeAll(async () => {
  f = await createFixtureTenant('rollups');
  await env.DB.prepare(
    `INSERT INTO experiments (id, tenant_id, name, definition, status, created_at) VALUES ('exp_rollups', ?, 'E', '{}', 'running', 0)`,
  )
    .bind(f.tenantId)
    .run();
  await env.DB.prepare(
    `INSERT INTO delinquency_snapshots (tenant_id, account_id, sequence, as_of, dpd, overdue_principal, overdue_interest, overdue_fees, outstanding_balance, currency, bucket, received_at)
     SELECT tenant_id, account_id, 1, '2026-10-20', 40, 5000, 0, 0, 90000, 'CNY', 'M2', 0 FROM cases WHERE tenant_id = ?`,
  )
    .bind(f.tenantId)
    .run();
});

const runsOf = async (status: string) =>
  (
    await env.DB.prepare(
      'SELECT id, kind, period FROM rollup_runs WHERE tenant_id = ? AND status = ? ORDER BY kind, period',
    )
      .bind(f.tenantId, status)
      .all<{ id: string; kind: string; period: string }>()
  ).results;

describe('rebuilding a month', () => {
  // A month's activity rebuild is 403 batches: seconds in workerd, more on a busy machine.
  it('starts the activity, cohort and effect runs once, through the queue, and reports what they cost', {
    timeout: 120_000,
  }, async () => {
    const first = await call(f.keys.admin, 'POST', '/v1/reports/rollups/rebuilds', {
      body: { month: '2026-10' },
    });
    expect(first.status).toBe(202);
    const { runs } = await first.json<{ runs: Run[] }>();
    expect(runs.map((run) => [run.kind, run.period, run.status])).toEqual([
      ['activity', '2026-10', 'running'],
      ['cohort', '2026-10-31', 'running'],
      ['effect', '2026-10-31', 'running'],
    ]);
    // Asked again while they run, the same runs come back: a rollup is never rebuilt twice at once.
    const again = await call(f.keys.admin, 'POST', '/v1/reports/rollups/rebuilds', {
      body: { month: '2026-10' },
    });
    expect((await again.json<{ runs: Run[] }>()).runs.map((run) => run.id)).toEqual(
      runs.map((run) => run.id),
    );

    expect(await driveRollupRuns(f.tenantId)).toBeGreaterThan(0);
    const status = await call(f.keys.analyst, 'GET', `/v1/reports/rollups/runs/${runs[0]!.id}`);
    const done = await status.json<Run & { d1Ms: number; completedAt: string }>();
    expect(done).toMatchObject({ status: 'done', kind: 'activity' });
    // 31 days of 13 steps, each a few statements.
    expect(done.statements).toBeGreaterThan(31 * 13);
    expect(done.completedAt).not.toBeNull();
  });

  it('refuses a month that has not begun, and anyone but an admin', async () => {
    const future = await call(f.keys.admin, 'POST', '/v1/reports/rollups/rebuilds', {
      body: { month: '2999-01' },
    });
    expect(future.status).toBe(422);
    expect((await future.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe('/month');
    const supervisor = await call(f.keys.supervisor, 'POST', '/v1/reports/rollups/rebuilds', {
      body: { month: '2026-10' },
    });
    expect(supervisor.status).toBe(403);
  });

  it('deletes the rows of the run a rebuild replaced, once reports read the new one', {
    timeout: 120_000,
  }, async () => {
    const head = async () =>
      (
        await env.DB.prepare(
          `SELECT run_id FROM rollup_heads WHERE tenant_id = ? AND kind = 'cohort' AND period = '2026-10-31'`,
        )
          .bind(f.tenantId)
          .first<{ run_id: string }>()
      )?.run_id;
    const before = await head();
    const rowsOf = async (runId: string) =>
      (await env.DB.prepare('SELECT COUNT(*) AS n FROM portfolio_rollups WHERE run_id = ?')
        .bind(runId)
        .first<{ n: number }>())!.n;
    expect(await rowsOf(before!)).toBeGreaterThan(0);
    await call(f.keys.admin, 'POST', '/v1/reports/rollups/rebuilds', { body: { month: '2026-10' } });
    await driveRollupRuns(f.tenantId);
    const after = await head();
    expect(after).not.toBe(before);
    expect(await rowsOf(after!)).toBeGreaterThan(0);
    expect(await rowsOf(before!)).toBe(0);
  });
});

describe('the cron', () => {
  it('rebuilds the stalest cohort and effect rollups of the last 13 month ends, one run per tenant and kind', async () => {
    const ports = { ...runtimePorts(), now: () => Date.UTC(2026, 11, 5, 3, 0, 0) };
    expect(refreshableMonthEnds('2026-12-05')).toHaveLength(13);
    expect(refreshableMonthEnds('2026-12-05')[0]).toBe('2026-11-30');
    const { runIds } = await startRollupRuns({ env, d1: env.DB }, ports);
    const started = (await runsOf('running')).filter((run) => runIds.includes(run.id));
    // Never built: the newest month end comes first.
    expect(started.map((run) => [run.kind, run.period])).toEqual([
      ['cohort', '2026-11-30'],
      ['effect', '2026-11-30'],
    ]);
    // While they run, the next tick starts nothing more for this tenant.
    const next = await startRollupRuns({ env, d1: env.DB }, ports);
    expect((await runsOf('running')).filter((run) => next.runIds.includes(run.id))).toEqual([]);
    await driveRollupRuns(f.tenantId);
  });

  it('backfills the activity of a tenant whose outcomes predate the triggers, month by month', {
    timeout: 120_000,
  }, async () => {
    await env.DB.prepare('INSERT INTO rollup_backfills (tenant_id, created_at) VALUES (?, 0)')
      .bind(f.tenantId)
      .run();
    await env.DB.prepare(
      `INSERT INTO visit_outcomes (visit_id, tenant_id, case_id, agent_id, contact_result, local_date, region_id, agency_id, bucket, checklist, recorded_at)
       VALUES ('vis_backfill_1', ?1, ?2, NULL, 'customer_met', '2026-08-15', NULL, NULL, 'M1', '{}', 0),
              ('vis_backfill_2', ?1, ?2, NULL, 'refused', '2026-09-02', NULL, NULL, 'M1', '{}', 0)`,
    )
      .bind(f.tenantId, f.caseA)
      .run();
    const ports = runtimePorts();
    const backfilled: string[] = [];
    for (let tick = 0; tick < 5; tick++) {
      const { runIds } = await startRollupRuns({ env, d1: env.DB }, ports);
      for (const id of runIds) {
        const run = await loadRollupRun(env.DB, id);
        if (run?.kind === 'activity') backfilled.push(run.period);
      }
      await driveRollupRuns(f.tenantId);
    }
    expect(backfilled).toEqual(['2026-08', '2026-09']);
    const pending = await env.DB.prepare('SELECT 1 FROM rollup_backfills WHERE tenant_id = ?')
      .bind(f.tenantId)
      .first();
    expect(pending).toBeNull();
  });

  it('re-sends a run whose message was lost, and gives up on one stuck for a day', async () => {
    const now = Date.now();
    const runId = await startRollupRun(
      env.DB,
      { tenantId: f.tenantId, kind: 'cohort', subject: '', period: '2026-07-31', reason: 'rebuild' },
      'rlr_rollups_stalled',
      now - 11 * 60_000,
    );
    expect(runId).toBe('rlr_rollups_stalled');
    await startRollupRuns({ env, d1: env.DB }, runtimePorts());
    const nudged = await env.DB.prepare('SELECT nudged_at FROM rollup_runs WHERE id = ?')
      .bind(runId)
      .first<{ nudged_at: number | null }>();
    expect(nudged?.nudged_at).not.toBeNull();
    await env.DB.prepare('UPDATE rollup_runs SET progressed_at = ? WHERE id = ?')
      .bind(now - 25 * 3_600_000, runId)
      .run();
    await startRollupRuns({ env, d1: env.DB }, runtimePorts());
    expect((await loadRollupRun(env.DB, runId!))?.status).toBe('failed');
  });
});

describe('an unknown DPD', () => {
  it('fails the cohort run instead of landing in a bucket', async () => {
    await env.DB.prepare(
      `INSERT INTO delinquency_snapshots (tenant_id, account_id, sequence, as_of, dpd, overdue_principal, overdue_interest, overdue_fees, outstanding_balance, currency, bucket, received_at)
       SELECT tenant_id, account_id, 99, '2026-05-31', -3, 100, 0, 0, 100, 'CNY', 'M1', 0 FROM cases WHERE id = ?`,
    )
      .bind(f.caseA)
      .run();
    const runId = await startRollupRun(
      env.DB,
      { tenantId: f.tenantId, kind: 'cohort', subject: '', period: '2026-05-31', reason: 'rebuild' },
      'rlr_rollups_bad_dpd',
      Date.now(),
    );
    const run = await loadRollupRun(env.DB, runId!);
    await expect(runRollupStep(env.DB, run!, Date.now())).rejects.toThrow(
      /NOT NULL constraint failed: \w+_rollups\.(bucket|to_bucket)/,
    );
  });
});
