/**
 * Cron, on every shard: keeps the built rollups fresh and their runs moving. Tenants fenced for a move
 * in the shard are left out (their rows are frozen; the move's target carries on after the switch).
 *
 * - Cohort rollups of the last 13 month ends (every cohort whose 12-month horizon still reaches today), and
 *   effect rollups of running experiments, are rebuilt when older than `REFRESH_AFTER_MS` (so about daily),
 *   stalest first, one run per tenant and kind at a time, so a tenant's rebuilds queue behind each other
 *   instead of all at once.
 * - Tenants with outcomes or promises from before the activity triggers (migration 0035's
 *   `rollup_backfills`) get their activity rollups rebuilt month by month.
 * - A run whose messages were lost is re-sent, and given up after a day.
 */
import { addDays, localDateAt, toInstant } from '@doorstep/core';
import { sendInChunks } from '../../follow-ups/timing';
import type { JobMessage } from '../../jobs/messages';
import { GIVE_UP_MS, STALL_MS } from '../../jobs/stalled-work';
import type { RuntimePorts } from '../../ports/runtime';
import type { ShardScope } from '../../shards/bindings';
import { unfenced } from '../../shards/fence';
import { lastDayOf, monthEndOnOrBefore, monthOf } from './calendar';
import { HORIZON_MONTHS } from './cohort-sql';
import { type RollupKind, type RunRequest, startRollupRun } from './runs';

export const REFRESH_AFTER_MS = 20 * 3_600_000;
const TENANTS_PER_TICK = 50;
const STALLED_PER_TICK = 100;

/** The month ends whose cohorts a tenant's reports still change: the last 13 before `today`. */
export function refreshableMonthEnds(today: string): string[] {
  const ends: string[] = [];
  let end = monthEndOnOrBefore(addDays(today, -1));
  for (let i = 0; i <= HORIZON_MONTHS; i++) {
    ends.push(end);
    end = monthEndOnOrBefore(addDays(end, -1));
  }
  return ends;
}

async function runUnderWay(d1: D1Database, tenantId: string, kind: RollupKind) {
  const row = await d1
    .prepare(
      `SELECT 1 AS busy FROM rollup_runs WHERE status IN ('running', 'purging') AND tenant_id = ? AND kind = ? LIMIT 1`,
    )
    .bind(tenantId, kind)
    .first();
  return row !== null;
}

/** The stalest of `periods` for this rollup: never built first (newest first), else built longest ago. */
async function stalest(
  d1: D1Database,
  tenantId: string,
  kind: RollupKind,
  subject: string,
  periods: readonly string[],
  now: number,
): Promise<string | null> {
  const { results } = await d1
    .prepare(
      `SELECT period, built_at FROM rollup_heads WHERE tenant_id = ? AND kind = ? AND subject = ?
       AND period IN (SELECT value FROM json_each(?))`,
    )
    .bind(tenantId, kind, subject, JSON.stringify(periods))
    .all<{ period: string; built_at: number }>();
  const built = new Map(results.map((row) => [row.period, row.built_at]));
  const missing = periods.find((period) => !built.has(period));
  if (missing) return missing;
  const stale = [...built].filter(([, at]) => at < now - REFRESH_AFTER_MS).sort((a, b) => a[1] - b[1]);
  return stale[0]?.[0] ?? null;
}

export async function startRollupRuns(shard: ShardScope, ports: RuntimePorts): Promise<{ runIds: string[] }> {
  const { env, d1 } = shard;
  const now = ports.now();
  const requests: RunRequest[] = [];
  // With more tenants than a tick serves, each minute takes the next page of them, round the list.
  const count = await d1
    .prepare(`SELECT COUNT(*) AS n FROM tenants WHERE ${unfenced('id')}`)
    .first<{ n: number }>();
  const pages = Math.max(1, Math.ceil((count?.n ?? 0) / TENANTS_PER_TICK));
  const { results: tenants } = await d1
    .prepare(`SELECT id, time_zone FROM tenants WHERE ${unfenced('id')} ORDER BY id LIMIT ? OFFSET ?`)
    .bind(TENANTS_PER_TICK, (Math.floor(now / 60_000) % pages) * TENANTS_PER_TICK)
    .all<{ id: string; time_zone: string }>();
  for (const tenant of tenants) {
    const today = localDateAt(toInstant(now), tenant.time_zone);
    const ends = refreshableMonthEnds(today);
    if (!(await runUnderWay(d1, tenant.id, 'cohort'))) {
      const period = await stalest(d1, tenant.id, 'cohort', '', ends, now);
      if (period)
        requests.push({ tenantId: tenant.id, kind: 'cohort', subject: '', period, reason: 'nightly' });
    }
    if (!(await runUnderWay(d1, tenant.id, 'effect'))) {
      const { results: running } = await d1
        .prepare(
          `SELECT id, created_at FROM experiments WHERE tenant_id = ? AND status = 'running' ORDER BY id`,
        )
        .bind(tenant.id)
        .all<{ id: string; created_at: number }>();
      for (const experiment of running) {
        const started = monthEndOnOrBefore(
          addDays(localDateAt(toInstant(experiment.created_at), tenant.time_zone), -1),
        );
        const period = await stalest(
          d1,
          tenant.id,
          'effect',
          experiment.id,
          ends.filter((end) => end >= started),
          now,
        );
        if (period) {
          requests.push({
            tenantId: tenant.id,
            kind: 'effect',
            subject: experiment.id,
            period,
            reason: 'nightly',
          });
          break;
        }
      }
    }
  }
  requests.push(...(await backfillRequests(d1)));
  const started: { runId: string; tenantId: string }[] = [];
  for (const request of requests) {
    const runId = await startRollupRun(d1, request, ports.newId('rlr'), now);
    if (runId) started.push({ runId, tenantId: request.tenantId });
  }
  // Sent after the run rows commit: a lost send leaves a stalled run, which the re-send below picks up.
  await sendInChunks<JobMessage>(
    env.JOBS,
    started.map(({ runId, tenantId }) => ({
      body: { type: 'rollup.run', v: 1, tenantId, runId, cursor: '' },
      delaySeconds: 0,
    })),
  );
  await resendStalledRollupRuns(shard, now);
  return { runIds: started.map(({ runId }) => runId) };
}

/** Next month of each pending backfill whose previous month is done; the last one deletes the backfill. */
async function backfillRequests(d1: D1Database): Promise<RunRequest[]> {
  const { results } = await d1
    .prepare(
      `SELECT tenant_id, next_month, last_month FROM rollup_backfills b
       WHERE NOT EXISTS (SELECT 1 FROM rollup_runs r WHERE r.status IN ('running', 'purging')
         AND r.tenant_id = b.tenant_id AND r.kind = 'activity') AND ${unfenced('b.tenant_id')}
       LIMIT ?`,
    )
    .bind(TENANTS_PER_TICK)
    .all<{ tenant_id: string; next_month: string | null; last_month: string | null }>();
  const requests: RunRequest[] = [];
  for (const backfill of results) {
    let next = backfill.next_month;
    let last = backfill.last_month;
    if (next === null || last === null) {
      const range = await d1
        .prepare(
          `SELECT MIN(first) AS first, MAX(last) AS last FROM (
             SELECT MIN(local_date) AS first, MAX(local_date) AS last FROM visit_outcomes WHERE tenant_id = ?1
             UNION ALL SELECT MIN(promised_date), MAX(promised_date) FROM promises WHERE tenant_id = ?1)`,
        )
        .bind(backfill.tenant_id)
        .first<{ first: string | null; last: string | null }>();
      next = range?.first ? monthOf(range.first) : null;
      last = range?.last ? monthOf(range.last) : null;
    }
    if (next === null || last === null || next > last) {
      await d1.prepare('DELETE FROM rollup_backfills WHERE tenant_id = ?').bind(backfill.tenant_id).run();
      continue;
    }
    await d1
      .prepare('UPDATE rollup_backfills SET next_month = ?, last_month = ? WHERE tenant_id = ?')
      .bind(monthOf(addDays(lastDayOf(next), 1)), last, backfill.tenant_id)
      .run();
    requests.push({
      tenantId: backfill.tenant_id,
      kind: 'activity',
      subject: '',
      period: next,
      reason: 'backfill',
    });
  }
  return requests;
}

/**
 * Runs that have not moved for `STALL_MS` lost their message: re-send it once per stall period; a run
 * stuck for `GIVE_UP_MS` (its messages dead-lettered, e.g. a DPD no bucket covers) is marked failed.
 */
async function resendStalledRollupRuns({ env, d1 }: ShardScope, now: number) {
  const [, stalled] = await d1.batch<{ id: string; tenant_id: string; cursor: string }>([
    d1
      .prepare(
        `UPDATE rollup_runs SET status = 'failed', completed_at = ?1
         WHERE status IN ('running', 'purging') AND COALESCE(progressed_at, created_at) <= ?2 AND ${unfenced()}`,
      )
      .bind(now, now - GIVE_UP_MS),
    d1
      .prepare(
        `UPDATE rollup_runs SET nudged_at = ?1
         WHERE id IN (SELECT id FROM rollup_runs WHERE status IN ('running', 'purging')
           AND COALESCE(progressed_at, created_at) <= ?2 AND COALESCE(nudged_at, 0) <= ?2 AND ${unfenced()} LIMIT ?3)
         RETURNING id, tenant_id, cursor`,
      )
      .bind(now, now - STALL_MS, STALLED_PER_TICK),
  ]);
  await sendInChunks<JobMessage>(
    env.JOBS,
    (stalled?.results ?? []).map((run) => ({
      body: { type: 'rollup.run', v: 1, tenantId: run.tenant_id, runId: run.id, cursor: run.cursor },
      delaySeconds: 0,
    })),
  );
}
