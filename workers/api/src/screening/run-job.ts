import { database } from '../db/client';
import type { JobHandler } from '../jobs/handlers';
import { guardedBatch } from '../repositories/audit';
import { type RunRef, runAt, screenChunk } from './chunk';
import type { ScreeningFilter } from './load';
import { findRunContext } from './runs';

/**
 * Screens the next chunk of a large run and enqueues the one after. A message whose cursor the run
 * has moved past (a redelivery) or a finished run is acknowledged without doing anything.
 */
export const handleScreeningRun: JobHandler<'screening.run'> = async (job, { env, ports, d1 }) => {
  const db = database(d1);
  const found = await findRunContext(db, job.tenantId, job.runId);
  if (found?.run.status !== 'running' || found.run.afterCaseId !== job.afterCaseId) return { kind: 'done' };
  const run: RunRef = {
    id: found.run.id,
    tenantId: found.run.tenantId,
    filter: found.run.filter as ScreeningFilter,
    policyVersion: found.run.policyVersion,
    afterCaseId: found.run.afterCaseId,
  };
  const chunk = await screenChunk(db, ports, run, found);
  const { committed } = await guardedBatch(d1, chunk.writes, { holds: runAt(run) });
  if (committed && !chunk.done)
    await env.JOBS.send({
      type: 'screening.run',
      v: 1,
      tenantId: run.tenantId,
      runId: run.id,
      afterCaseId: chunk.lastCaseId,
    });
  return { kind: 'done' };
};
