import { database } from '../db/client';
import type { JobContext, JobHandler } from '../jobs/handlers';
import type { PlanningContext } from './day-input';
import { findPlan, solvePlan } from './visit-plans';

/** A planning job's reads, writes and outbound requests: its tenant's database and the queue batch's bindings. */
export const planningContext = ({ env, ports, d1 }: JobContext): PlanningContext => ({
  db: database(d1),
  d1,
  ports,
  outbound: { fetch: (input, init) => fetch(input, init), mode: env.DOORSTEP_MODE },
});

/**
 * Solves one visit plan. The plan row's `solving` state is the guard: a duplicate message finds the plan
 * already draft (or published) and does nothing; a solve that crashed before its batch left it solving,
 * so the queue's retry solves it again from scratch.
 */
export const handlePlanSolve: JobHandler<'plan.solve'> = async (job, context) => {
  const plan = await findPlan(context.d1, job.tenantId, job.planId);
  if (plan?.status !== 'solving') return { kind: 'done' };
  await solvePlan(planningContext(context), context.env.JOBS, plan);
  return { kind: 'done' };
};
