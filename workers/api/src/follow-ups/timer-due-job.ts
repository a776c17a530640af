import type { JobHandler } from '../jobs/handlers';

// Placeholder until this capability lands: nothing produces 'timer.due' messages yet.
export const handleTimerDue: JobHandler<'timer.due'> = async () => {
  throw new Error('timer.due is not implemented yet');
};
