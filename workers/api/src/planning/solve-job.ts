import { database } from '../db/client';
import type { JobHandler } from '../jobs/handlers';
import { findPlan, solvePlan } from './visit-plans';

/**
 * Solves one visit plan. The plan row's `solving` state is the guard: a duplicate message finds the plan
 * already draft (or published) and does nothing; a solve that crashed before its batch left it solving,
 * so the queue's retry solves it again from scratch.
 */
export const handlePlanSolve: JobHandler<'plan.solve'> = async (job, { env, ports }) => {
  const plan = await findPlan(env.DB, job.tenantId, job.planId);
  if (plan?.status !== 'solving') return { kind: 'done' };
  await solvePlan(database(env.DB), env.DB, ports, plan);
  return { kind: 'done' };
};
