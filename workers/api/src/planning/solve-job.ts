import { database } from '../db/client';
import type { JobHandler } from '../jobs/handlers';
import { findPlan, solvePlan } from './visit-plans';

/**
 * Solves one visit plan. The plan row's `solving` state is the guard: a duplicate message finds the plan
 * already draft (or published) and does nothing; a solve that crashed before its batch left it solving,
 * so the queue's retry solves it again from scratch.
 */
export const handlePlanSolve: JobHandler<'plan.solve'> = async (job, { ports, d1 }) => {
  const plan = await findPlan(d1, job.tenantId, job.planId);
  if (plan?.status !== 'solving') return { kind: 'done' };
  await solvePlan(database(d1), d1, ports, plan);
  return { kind: 'done' };
};
