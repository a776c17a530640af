import { sql } from 'drizzle-orm';
import type { JobHandler } from '../jobs/handlers';
import { guardedBatch } from '../repositories/audit';
import { erasureStatements } from './erasure';

/** Cases erased per queue message: a bounded batch of statements and R2 deletions. */
export const RETENTION_CHUNK = 50;

/** R2 deletes at most this many keys per call. */
const R2_DELETE_LIMIT = 1000;

/** The run is still where this message found it: running, its cursor at `after`. */
const runAtCursor = (tenantId: string, day: string, after: string | null) =>
  sql`EXISTS (SELECT 1 FROM retention_runs WHERE tenant_id = ${tenantId} AND day = ${day}
    AND status = 'running' AND after_case_id IS ${after})`;

interface RunRow {
  status: string;
  cutoff: number;
  retention_years: number;
  after_case_id: string | null;
}

/**
 * Erases the next chunk of a tenant's daily retention run and enqueues the one after. The objects go
 * first, then one batch erases the rows, audits each erasure and moves the run's cursor, guarded on
 * that cursor: a redelivered message changes nothing, and one that failed after deleting objects
 * is retried (deleting them again is harmless). Nothing is erased twice: an erased case leaves the
 * index the chunk walks.
 */
export const handleRetentionRun: JobHandler<'retention.run'> = async (job, { env, ports, d1 }) => {
  const db = d1;
  const run = await db
    .prepare(
      'SELECT status, cutoff, retention_years, after_case_id FROM retention_runs WHERE tenant_id = ? AND day = ?',
    )
    .bind(job.tenantId, job.day)
    .first<RunRow>();
  if (run?.status !== 'running' || run.after_case_id !== job.afterCaseId) return { kind: 'done' };
  const { results: due } = await db
    .prepare(
      `SELECT id FROM cases
       WHERE tenant_id = ?1 AND id > ?2 AND ended_at IS NOT NULL AND erased_at IS NULL AND ended_at <= ?3
       ORDER BY id LIMIT ?4`,
    )
    .bind(job.tenantId, job.afterCaseId ?? '', run.cutoff, RETENTION_CHUNK)
    .all<{ id: string }>();
  const caseIds = due.map((row) => row.id);
  const { results: objects } = await db
    .prepare(
      `SELECT object_key FROM evidence
       WHERE tenant_id = ? AND case_id IN (SELECT value FROM json_each(?)) AND status <> 'erased'`,
    )
    .bind(job.tenantId, JSON.stringify(caseIds))
    .all<{ object_key: string }>();
  const keys = objects.map((object) => object.object_key);
  for (let i = 0; i < keys.length; i += R2_DELETE_LIMIT)
    await env.EVIDENCE.delete(keys.slice(i, i + R2_DELETE_LIMIT));

  const now = ports.now();
  const done = caseIds.length < RETENTION_CHUNK;
  const last = caseIds.at(-1) ?? job.afterCaseId;
  const { committed } = await guardedBatch(
    db,
    [
      ...erasureStatements(db, {
        tenantId: job.tenantId,
        caseIds,
        now,
        run: { day: job.day, retentionYears: run.retention_years, cutoff: run.cutoff },
      }),
      db
        .prepare(
          `UPDATE retention_runs SET after_case_id = ?3, erased_cases = erased_cases + ?4, progressed_at = ?5,
             status = CASE WHEN ?6 THEN 'completed' ELSE status END, completed_at = CASE WHEN ?6 THEN ?5 END
           WHERE tenant_id = ?1 AND day = ?2`,
        )
        .bind(job.tenantId, job.day, last, caseIds.length, now, done ? 1 : 0),
    ],
    { holds: runAtCursor(job.tenantId, job.day, job.afterCaseId) },
  );
  if (committed && !done)
    await env.JOBS.send({
      type: 'retention.run',
      v: 1,
      tenantId: job.tenantId,
      day: job.day,
      afterCaseId: last,
    });
  return { kind: 'done' };
};
