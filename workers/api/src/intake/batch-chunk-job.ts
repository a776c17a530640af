import { type IntakeEvent, parseBatchLine } from '@doorstep/intake';
import { and, eq } from 'drizzle-orm';
import { database } from '../db/client';
import { intakeBatchChunks } from '../db/schema';
import type { JobHandler } from '../jobs/handlers';
import { applyIntake } from './apply';

// Runs after this chunk's own `applied_at` is set in the same batch, so the last chunk sees none left.
const pendingChunks =
  'SELECT 1 FROM intake_batch_chunks WHERE tenant_id = ?4 AND batch_id = ?5 AND applied_at IS NULL';

/**
 * Applies one chunk of a batch file as one reduction. The chunk's `applied_at` is the once-only guard,
 * set in the same D1 batch as the events' effects and the batch counters, so a redelivered or
 * concurrently delivered message applies nothing twice.
 */
export const handleIntakeBatchChunk: JobHandler<'intake.batch-chunk'> = async (job, { env, ports, d1 }) => {
  const db = database(d1);
  const where = and(
    eq(intakeBatchChunks.tenantId, job.tenantId),
    eq(intakeBatchChunks.batchId, job.batchId),
    eq(intakeBatchChunks.chunk, job.chunk),
  );
  const row = await db.select().from(intakeBatchChunks).where(where).get();
  if (!row || row.appliedAt !== null) return { kind: 'done' };

  // Lines were validated when the file was accepted; parsing again is the queue boundary's check.
  const lines = JSON.parse(row.lines) as [number, string][];
  const events: IntakeEvent[] = [];
  for (const [, line] of lines) {
    const parsed = parseBatchLine(line, ports.now);
    if (parsed.ok) events.push(parsed.event);
  }
  const rejected = lines.length - events.length;
  const now = ports.now();
  const result = await applyIntake(d1, ports, env.JOBS, job.tenantId, events, {
    statements: () => [
      d1
        .prepare(
          `UPDATE intake_batch_chunks SET applied_at = ? WHERE tenant_id = ? AND batch_id = ? AND chunk = ? AND applied_at IS NULL`,
        )
        .bind(now, job.tenantId, job.batchId, job.chunk),
      d1.prepare("SELECT CASE WHEN changes() = 1 THEN 1 ELSE json('intake: chunk already applied') END"),
      d1
        .prepare(
          `UPDATE intake_batches SET applied = applied + ?1, rejected = rejected + ?2, progressed_at = ?3,
           status = CASE WHEN EXISTS (${pendingChunks}) THEN 'processing' ELSE 'completed' END,
           completed_at = CASE WHEN EXISTS (${pendingChunks}) THEN NULL ELSE ?3 END
         WHERE tenant_id = ?4 AND id = ?5`,
        )
        .bind(events.length, rejected, now, job.tenantId, job.batchId),
    ],
    alreadyDone: async () =>
      (await db.select().from(intakeBatchChunks).where(where).get())?.appliedAt != null,
  });
  return result.kind === 'contended' ? { kind: 'retry', delaySeconds: 2 } : { kind: 'done' };
};
