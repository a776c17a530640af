import type { JobHandler } from '../jobs/handlers';

// Placeholder until this capability lands: nothing produces 'screening.run' messages yet.
export const handleScreeningRun: JobHandler<'screening.run'> = async () => {
  throw new Error('screening.run is not implemented yet');
};
