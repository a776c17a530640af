import type { JobHandler } from '../jobs/handlers';

// Placeholder until this capability lands: nothing produces 'intake.batch-chunk' messages yet.
export const handleIntakeBatchChunk: JobHandler<'intake.batch-chunk'> = async () => {
  throw new Error('intake.batch-chunk is not implemented yet');
};
