/**
 * Rollup runs: one tenant's rollup of one kind for one period, recomputed from the raw rows step by step.
 * Every step is one D1 batch guarded on the run's cursor, so a redelivered queue message commits nothing
 * and the D1 lock is held for one short batch at a time; the queue carries the run from step to step.
 *
 * - `activity` (period `YYYY-MM`): each day of the month, set by set (`activityRebuildStep`).
 * - `cohort` (period: a month end E): the tenant's accounts chunk by chunk into a new copy of the cohort,
 *   portfolio and roll rollups of E; the last chunk points `rollup_heads` at it; the copy it replaced is
 *   then deleted chunk by chunk (`purging`).
 * - `effect` (subject: an experiment, period: E): the same over the experiment's assignments.
 */

import { addDays, startOfLocalDay } from '@doorstep/core';
import { sql } from 'drizzle-orm';
import { guardedBatch } from '../../repositories/audit';
import type { KpiQuery } from '../kpi-sql';
import { offsetSegments } from '../local-date-sql';
import { activityRebuildStep, activityStepsPerDay } from './activity-sql';
import { firstDayOf, lastDayOf, monthEndsAfter } from './calendar';
import {
  type CohortChunk,
  cohortChunkStatement,
  HORIZON_MONTHS,
  portfolioChunkStatement,
  rollChunkStatement,
} from './cohort-sql';
import { effectChunkStatement } from './effect-sql';

export type RollupKind = 'activity' | 'cohort' | 'effect';
export type RunStatus = 'running' | 'purging' | 'done' | 'failed';

/**
 * Accounts per cohort chunk, cases per effect chunk and rows of a replaced run deleted per table and step:
 * each statement stays well under 100 ms of D1 time at the benchmark's scale (`pnpm bench:reports`).
 */
export interface ChunkSizes {
  cohort: number;
  effect: number;
  purge: number;
}

export const chunkSizes: ChunkSizes = { cohort: 100, effect: 250, purge: 2000 };

export interface RollupRun {
  id: string;
  tenantId: string;
  kind: RollupKind;
  subject: string;
  period: string;
  status: RunStatus;
  /** The last step done: `day#step` for activity, the last account ref or case id for chunks, '' at first. */
  cursor: string;
  replacedRunId: string | null;
  timeZone: string;
}

export interface RunRequest {
  tenantId: string;
  kind: RollupKind;
  subject: string;
  period: string;
  reason: 'nightly' | 'rebuild' | 'backfill' | 'report';
}

/** The insert that starts a run unless one for the same rollup is under way; it returns the new id, or no row. */
export function startRunStatement(d1: D1Database, request: RunRequest, id: string, now: number) {
  return d1
    .prepare(
      `INSERT INTO rollup_runs (id, tenant_id, kind, subject, period, status, reason, created_at, progressed_at)
       SELECT ?1, ?2, ?3, ?4, ?5, 'running', ?6, ?7, ?7
       WHERE NOT EXISTS (SELECT 1 FROM rollup_runs WHERE status IN ('running', 'purging')
         AND tenant_id = ?2 AND kind = ?3 AND subject = ?4 AND period = ?5)
       RETURNING id`,
    )
    .bind(id, request.tenantId, request.kind, request.subject, request.period, request.reason, now);
}

/** Starts a run unless one for the same rollup is already under way; returns its id, or null. */
export async function startRollupRun(d1: D1Database, request: RunRequest, id: string, now: number) {
  const row = await startRunStatement(d1, request, id, now).first<{ id: string }>();
  return row?.id ?? null;
}

export async function loadRollupRun(d1: D1Database, runId: string): Promise<RollupRun | null> {
  const row = await d1
    .prepare(
      `SELECT r.id, r.tenant_id, r.kind, r.subject, r.period, r.status, r.cursor, r.replaced_run_id, t.time_zone
       FROM rollup_runs r JOIN tenants t ON t.id = r.tenant_id WHERE r.id = ?`,
    )
    .bind(runId)
    .first<{
      id: string;
      tenant_id: string;
      kind: RollupKind;
      subject: string;
      period: string;
      status: RunStatus;
      cursor: string;
      replaced_run_id: string | null;
      time_zone: string;
    }>();
  if (!row) return null;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    subject: row.subject,
    period: row.period,
    status: row.status,
    cursor: row.cursor,
    replacedRunId: row.replaced_run_id,
    timeZone: row.time_zone,
  };
}

export interface StepOutcome {
  /** False when another delivery moved the run first: this one changed nothing. */
  committed: boolean;
  /** The run after the step, or null when it has nothing left to do. */
  next: RollupRun | null;
  /** D1's own duration of every statement the step ran, ms. */
  durationsMs: number[];
}

const statement = (d1: D1Database, query: KpiQuery) => d1.prepare(query.sql).bind(...query.binds);

/** Runs the next step of a running or purging run; tests pass small `sizes` to exercise many chunks. */
export async function runRollupStep(
  d1: D1Database,
  run: RollupRun,
  now: number,
  sizes: ChunkSizes = chunkSizes,
): Promise<StepOutcome> {
  if (run.status === 'purging') return purgeStep(d1, run, now, sizes);
  if (run.status !== 'running') return { committed: false, next: null, durationsMs: [] };
  return run.kind === 'activity' ? activityStep(d1, run, now) : chunkStep(d1, run, now, sizes);
}

const atCursor = (run: RollupRun) =>
  sql`EXISTS (SELECT 1 FROM rollup_runs WHERE id = ${run.id} AND status = ${run.status} AND cursor = ${run.cursor})`;

/** Each write's duration: `guardedBatch` answers the writes' results, its guard left out. */
function durations(results: readonly D1Result[]): number[] {
  return results.map((result) => result.meta.duration);
}

/** The head now points at this run: reports read it from the next statement on. */
function finishStatements(d1: D1Database, run: RollupRun, now: number): D1PreparedStatement[] {
  const head = [run.tenantId, run.kind, run.subject, run.period];
  return [
    d1
      .prepare(
        `UPDATE rollup_runs SET replaced_run_id = (SELECT run_id FROM rollup_heads
           WHERE tenant_id = ?2 AND kind = ?3 AND subject = ?4 AND period = ?5 AND run_id <> ?1),
         cursor = '', completed_at = ?6, progressed_at = ?6 WHERE id = ?1`,
      )
      .bind(run.id, ...head, now),
    d1
      .prepare(
        `UPDATE rollup_runs SET status = CASE WHEN replaced_run_id IS NULL OR kind = 'activity' THEN 'done' ELSE 'purging' END
         WHERE id = ?`,
      )
      .bind(run.id),
    d1
      .prepare(
        `INSERT INTO rollup_heads (tenant_id, kind, subject, period, run_id, built_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (tenant_id, kind, subject, period) DO UPDATE SET run_id = excluded.run_id, built_at = excluded.built_at`,
      )
      .bind(...head, run.id, now),
  ];
}

const moveCursor = (d1: D1Database, run: RollupRun, cursor: string, now: number) =>
  d1.prepare('UPDATE rollup_runs SET cursor = ?, progressed_at = ? WHERE id = ?').bind(cursor, now, run.id);

/** The step after `cursor` in a month's rebuild, or null when the month is done. */
export function nextActivityStep(month: string, cursor: string): { day: string; step: number } | null {
  if (cursor === '') return { day: firstDayOf(month), step: 0 };
  const [day, step] = cursor.split('#') as [string, string];
  if (Number(step) + 1 < activityStepsPerDay) return { day, step: Number(step) + 1 };
  const next = addDays(day, 1);
  return next <= lastDayOf(month) ? { day: next, step: 0 } : null;
}

async function activityStep(d1: D1Database, run: RollupRun, now: number): Promise<StepOutcome> {
  const at = nextActivityStep(run.period, run.cursor);
  if (!at) return { committed: false, next: null, durationsMs: [] };
  const cursor = `${at.day}#${at.step}`;
  const last = nextActivityStep(run.period, cursor) === null;
  const writes = [
    ...activityRebuildStep(run.tenantId, at.day, at.step).map((query) => statement(d1, query)),
    ...(last ? finishStatements(d1, run, now) : [moveCursor(d1, run, cursor, now)]),
  ];
  const { committed, results } = await guardedBatch(d1, writes, { holds: atCursor(run) });
  return {
    committed,
    next: committed && !last ? { ...run, cursor } : null,
    durationsMs: durations(results),
  };
}

/** The local-day instants and month ends a cohort or effect run of month end E works with. */
export function cohortFrame(run: Pick<RollupRun, 'period' | 'timeZone'>) {
  const monthEnds = monthEndsAfter(run.period, HORIZON_MONTHS);
  const horizonEnd = monthEnds[monthEnds.length - 1]!;
  const afterMonthEndMs = Date.parse(startOfLocalDay(addDays(run.period, 1), run.timeZone));
  const afterHorizonMs = Date.parse(startOfLocalDay(addDays(horizonEnd, 1), run.timeZone));
  return {
    monthEnds,
    afterMonthEndMs,
    afterHorizonMs,
    segments: offsetSegments(run.timeZone, afterMonthEndMs - 86_400_000, afterHorizonMs + 86_400_000),
  };
}

async function chunkStep(
  d1: D1Database,
  run: RollupRun,
  now: number,
  sizes: ChunkSizes,
): Promise<StepOutcome> {
  // Where this chunk ends: the key `size` rows on, or none when fewer are left (the last chunk).
  const bound =
    run.kind === 'cohort'
      ? d1
          .prepare(
            `SELECT external_ref AS key FROM accounts WHERE tenant_id = ? AND external_ref > ?
             ORDER BY external_ref LIMIT 1 OFFSET ?`,
          )
          .bind(run.tenantId, run.cursor, sizes.cohort - 1)
      : d1
          .prepare(
            `SELECT case_id AS key FROM experiment_assignments WHERE tenant_id = ? AND experiment_id = ? AND case_id > ?
             ORDER BY case_id LIMIT 1 OFFSET ?`,
          )
          .bind(run.tenantId, run.subject, run.cursor, sizes.effect - 1);
  const found = await bound.all<{ key: string }>();
  const through = found.results[0]?.key ?? null;
  const frame = cohortFrame(run);
  let queries: KpiQuery[];
  if (run.kind === 'cohort') {
    const chunk: CohortChunk = {
      tenantId: run.tenantId,
      runId: run.id,
      monthEnd: run.period,
      monthEnds: frame.monthEnds,
      afterMonthEndMs: frame.afterMonthEndMs,
      afterHorizonMs: frame.afterHorizonMs,
      afterRef: run.cursor,
      throughRef: through,
      segments: frame.segments,
    };
    queries = [cohortChunkStatement(chunk), portfolioChunkStatement(chunk), rollChunkStatement(chunk)];
  } else {
    queries = [
      effectChunkStatement({
        tenantId: run.tenantId,
        runId: run.id,
        experimentId: run.subject,
        monthEnd: run.period,
        horizonEnd: frame.monthEnds[frame.monthEnds.length - 1]!,
        afterMonthEndMs: frame.afterMonthEndMs,
        afterHorizonMs: frame.afterHorizonMs,
        afterCaseId: run.cursor,
        throughCaseId: through,
        segments: frame.segments,
      }),
    ];
  }
  const writes = [
    ...queries.map((query) => statement(d1, query)),
    ...(through === null ? finishStatements(d1, run, now) : [moveCursor(d1, run, through, now)]),
  ];
  const { committed, results } = await guardedBatch(d1, writes, { holds: atCursor(run) });
  return {
    committed,
    next: !committed
      ? null
      : through === null
        ? await loadRollupRun(d1, run.id).then(purgingOrNull)
        : { ...run, cursor: through },
    durationsMs: [found.meta.duration, ...durations(results)],
  };
}

const purgingOrNull = (run: RollupRun | null) => (run?.status === 'purging' ? run : null);

const purgeTables: Record<Exclude<RollupKind, 'activity'>, { table: string; key: string }[]> = {
  cohort: [
    { table: 'cohort_rollups', key: 'run_id, grain, period, region_id, agency_id, bucket, currency' },
    { table: 'portfolio_rollups', key: 'run_id, day, region_id, agency_id, bucket, currency' },
    { table: 'roll_rollups', key: 'run_id, grain, period, from_bucket, to_bucket' },
  ],
  effect: [{ table: 'effect_rollups', key: 'run_id, grain, period, arm' }],
};

async function purgeStep(
  d1: D1Database,
  run: RollupRun,
  now: number,
  sizes: ChunkSizes,
): Promise<StepOutcome> {
  if (run.kind === 'activity' || run.replacedRunId === null)
    return { committed: false, next: null, durationsMs: [] };
  const tables = purgeTables[run.kind];
  const writes = [
    ...tables.map(({ table, key }) =>
      d1
        .prepare(
          `DELETE FROM ${table} WHERE (${key}) IN (SELECT ${key} FROM ${table} WHERE run_id = ? LIMIT ?)`,
        )
        .bind(run.replacedRunId, sizes.purge),
    ),
    d1
      .prepare(
        `UPDATE rollup_runs SET status = 'done', progressed_at = ?2 WHERE id = ?1
         AND ${tables.map(({ table }) => `NOT EXISTS (SELECT 1 FROM ${table} WHERE run_id = ?3)`).join(' AND ')}`,
      )
      .bind(run.id, now, run.replacedRunId),
  ];
  const { committed, results } = await guardedBatch(d1, writes, { holds: atCursor(run) });
  const done = (results[results.length - 1]?.meta.changes ?? 0) > 0;
  return { committed, next: committed && !done ? run : null, durationsMs: durations(results) };
}

/** Adds a step's D1 time to its run, for operators and `pnpm bench:reports`. */
export function recordStepTimes(d1: D1Database, runId: string, durationsMs: readonly number[]) {
  if (durationsMs.length === 0) return Promise.resolve();
  return d1
    .prepare(
      `UPDATE rollup_runs SET statements = statements + ?2, d1_ms = d1_ms + ?3, max_statement_ms = max(max_statement_ms, ?4)
       WHERE id = ?1`,
    )
    .bind(
      runId,
      durationsMs.length,
      durationsMs.reduce((a, b) => a + b, 0),
      Math.max(...durationsMs),
    )
    .run();
}

export interface RunSummary {
  id: string;
  kind: RollupKind;
  subject: string;
  period: string;
  status: RunStatus;
  reason: string;
  statements: number;
  d1Ms: number;
  maxStatementMs: number;
  createdAt: number;
  completedAt: number | null;
}

/** A tenant's run, or the one under way for a rollup (`period` and friends instead of an id). */
export async function findRuns(
  d1: D1Database,
  tenantId: string,
  which: { id: string } | { kind: RollupKind; subject: string; period: string; underWay: true },
): Promise<RunSummary[]> {
  const where =
    'id' in which
      ? 'tenant_id = ?1 AND id = ?2'
      : `status IN ('running', 'purging') AND tenant_id = ?1 AND kind = ?2 AND subject = ?3 AND period = ?4`;
  const { results } = await d1
    .prepare(
      `SELECT id, kind, subject, period, status, reason, statements, d1_ms AS d1Ms, max_statement_ms AS maxStatementMs,
         created_at AS createdAt, completed_at AS completedAt
       FROM rollup_runs WHERE ${where}`,
    )
    .bind(tenantId, ...('id' in which ? [which.id] : [which.kind, which.subject, which.period]))
    .all<RunSummary>();
  return results;
}

export interface RollupHead {
  runId: string;
  builtAt: number;
}

export async function rollupHead(
  d1: D1Database,
  tenantId: string,
  kind: RollupKind,
  subject: string,
  period: string,
): Promise<RollupHead | null> {
  const row = await d1
    .prepare(
      'SELECT run_id, built_at FROM rollup_heads WHERE tenant_id = ? AND kind = ? AND subject = ? AND period = ?',
    )
    .bind(tenantId, kind, subject, period)
    .first<{ run_id: string; built_at: number }>();
  return row ? { runId: row.run_id, builtAt: row.built_at } : null;
}

/** Runs a run's steps one after another until it is done, as the queue would; for tests and benchmarks. */
export async function runToCompletion(
  d1: D1Database,
  runId: string,
  now: () => number,
  options: { sizes?: ChunkSizes; onStep?: (durationsMs: readonly number[]) => void } = {},
): Promise<void> {
  let run = await loadRollupRun(d1, runId);
  while (run) {
    const outcome = await runRollupStep(d1, run, now(), options.sizes);
    if (!outcome.committed) throw new Error(`rollup run ${runId} was moved by someone else`);
    options.onStep?.(outcome.durationsMs);
    run = outcome.next;
  }
}
