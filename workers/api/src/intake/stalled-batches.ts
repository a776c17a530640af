import { sendInChunks } from '../follow-ups/timing';
import type { JobMessage } from '../jobs/messages';
import type { ShardScope } from '../shards/bindings';
import { unfenced } from '../shards/fence';

/** Batches resumed per tick: each can hold a hundred chunks, and a tick's queue sends stay bounded. */
const BATCHES_PER_TICK = 10;

const OPEN = `status IN ('queued', 'processing')`;
/** A batch moves when a chunk is applied; one never applied has not moved since it was accepted. */
const LAST_MOVED = 'max(coalesce(progressed_at, 0), created_at)';

/** Open batches with no chunk applied since `?1`: given up. */
export const HOPELESS_BATCHES = `${OPEN} AND ${LAST_MOVED} <= ?1 AND ${unfenced()}`;

interface Nudged {
  id: string;
  tenant_id: string;
}

/**
 * Two statements for the stalled-work cron's one D1 batch: give up the batches that have not moved
 * since `hopeless` (`status = 'failed'`), and mark, once per stall period, those to resume.
 */
export function stalledBatchStatements(db: D1Database, now: number, stalledSince: number, hopeless: number) {
  return {
    giveUp: db
      .prepare(
        `UPDATE intake_batches SET status = 'failed', completed_at = ?2 WHERE ${HOPELESS_BATCHES} RETURNING id, tenant_id`,
      )
      .bind(hopeless, now),
    nudge: db
      .prepare(
        `UPDATE intake_batches SET nudged_at = ?1
         WHERE id IN (SELECT id FROM intake_batches WHERE ${OPEN} AND ${LAST_MOVED} <= ?2
                        AND coalesce(nudged_at, 0) <= ?2 AND ${unfenced()} LIMIT ?3)
         RETURNING id, tenant_id`,
      )
      .bind(now, stalledSince, BATCHES_PER_TICK),
  };
}

/**
 * Re-sends a message for every chunk of the nudged batches not yet applied. Every chunk is applied
 * once (its `applied_at` is the guard), so a chunk whose message was only slow, and its re-sent twin,
 * cannot both act: the batch resumes from where it stopped, nothing lost and nothing doubled.
 */
export async function resendPendingChunks({ env, d1 }: ShardScope, nudged: readonly Nudged[]): Promise<void> {
  if (nudged.length === 0) return;
  const { results } = await d1
    .prepare(
      `SELECT tenant_id, batch_id, chunk FROM intake_batch_chunks
     WHERE applied_at IS NULL
       AND (tenant_id, batch_id) IN (SELECT json_extract(value, '$.tenant_id'), json_extract(value, '$.id') FROM json_each(?))
     ORDER BY tenant_id, batch_id, chunk`,
    )
    .bind(JSON.stringify(nudged))
    .all<{ tenant_id: string; batch_id: string; chunk: number }>();
  await sendInChunks<JobMessage>(
    env.JOBS,
    results.map((row) => ({
      body: {
        type: 'intake.batch-chunk',
        v: 1,
        tenantId: row.tenant_id,
        batchId: row.batch_id,
        chunk: row.chunk,
      },
      delaySeconds: 0,
    })),
  );
}
