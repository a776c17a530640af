import type { PlanningInput, PlanningProposal } from '../contracts/planning';
import { type PolicyFailure, policyFailure } from '../plugins/failure';
import type { ResolvedPolicySet } from '../plugins/policy-set';
import { err, ok, type Result } from '../result/result';
import type { DecisionContext } from './context';

export interface PlanningNotConfigured {
  code: 'POLICY.NOT_CONFIGURED';
  kind: 'planning';
  message: string;
}

/** Assigns screened cases to agents and orders each route, through the set's planning plugin. */
export const planVisits = (
  set: ResolvedPolicySet,
  input: Omit<PlanningInput, 'now'>,
  ctx: DecisionContext,
): Result<PlanningProposal, PolicyFailure | PlanningNotConfigured> => {
  const policy = set.planning;
  if (policy === null) {
    return err({
      code: 'POLICY.NOT_CONFIGURED',
      kind: 'planning',
      message: `Policy set ${set.version} has no planning policy`,
    });
  }
  try {
    return ok(policy.fns.plan({ ...input, now: ctx.now }));
  } catch (error) {
    return err(policyFailure(policy, error));
  }
};
