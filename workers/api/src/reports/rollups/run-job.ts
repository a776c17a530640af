import type { JobHandler } from '../../jobs/handlers';
import { loadRollupRun, recordStepTimes, runRollupStep } from './runs';

/** Steps per message, and the wall time after which a message hands the rest to the next one. */
const STEPS_PER_MESSAGE = 10;
const MESSAGE_BUDGET_MS = 2_000;

/**
 * Advances a rollup run by a few steps, each its own guarded batch, then enqueues the rest. A message
 * whose cursor the run has moved past (a redelivery, a re-send of a run that was only slow) does nothing.
 */
export const handleRollupRun: JobHandler<'rollup.run'> = async (job, { env, ports, d1 }) => {
  let run = await loadRollupRun(d1, job.runId);
  if (!run || run.tenantId !== job.tenantId || run.cursor !== job.cursor) return { kind: 'done' };
  const started = Date.now();
  for (let step = 0; run && step < STEPS_PER_MESSAGE && Date.now() - started < MESSAGE_BUDGET_MS; step++) {
    const outcome = await runRollupStep(d1, run, ports.now());
    if (!outcome.committed) return { kind: 'done' };
    await recordStepTimes(d1, run.id, outcome.durationsMs);
    run = outcome.next;
  }
  if (run)
    await env.JOBS.send({
      type: 'rollup.run',
      v: 1,
      tenantId: run.tenantId,
      runId: run.id,
      cursor: run.cursor,
    });
  return { kind: 'done' };
};
