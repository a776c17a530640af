import type { JobHandler } from '../jobs/handlers';
import { enrolNextChunk, findExperiment } from './experiments';

/**
 * Enrols one chunk of cases and enqueues the next. The chain survives redelivery: a repeated chunk
 * inserts nothing new and enqueues the same next chunk, which in turn inserts nothing new.
 */
export const handleExperimentAssign: JobHandler<'experiment.assign'> = async (job, { env, ports, d1 }) => {
  const experiment = await findExperiment(d1, job.tenantId, job.experimentId);
  if (experiment?.status !== 'running') return { kind: 'done' };
  const last = await enrolNextChunk(d1, job.tenantId, experiment, job.afterCaseId, ports.now());
  if (last !== null) {
    await env.JOBS.send({ ...job, afterCaseId: last });
  }
  return { kind: 'done' };
};
