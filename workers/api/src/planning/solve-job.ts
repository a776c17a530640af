import type { JobHandler } from '../jobs/handlers';

// Placeholder until this capability lands: nothing produces 'plan.solve' messages yet.
export const handlePlanSolve: JobHandler<'plan.solve'> = async () => {
  throw new Error('plan.solve is not implemented yet');
};
