import type { RepaymentInput } from '../contracts/repayment';
import type { RepaymentPlan } from '../domain/repayment-plan';
import { type PolicyFailure, policyFailure } from '../plugins/failure';
import type { ResolvedPolicySet } from '../plugins/policy-set';
import type { Reason } from '../reasons/reason';
import { err, ok, type Result } from '../result/result';
import type { DecisionContext } from './context';

export type RepaymentDecision =
  | { kind: 'plan'; plan: RepaymentPlan; reasons: Reason[] }
  | { kind: 'refusal'; reasons: Reason[] };

/**
 * Proposes an affordable plan or explains why none fits. A plugin whose instalments do not add
 * up to its total is treated as failed: a wrong plan is worse than no plan.
 */
export const proposeRepaymentPlan = (
  set: ResolvedPolicySet,
  input: Omit<RepaymentInput, 'now'>,
  ctx: DecisionContext,
): Result<RepaymentDecision, PolicyFailure> => {
  const policy = set.repayment;
  try {
    const proposal = policy.fns.propose({ ...input, now: ctx.now });
    if (proposal.kind === 'refusal') return ok(proposal);
    const sum = proposal.instalments.reduce((total, i) => total + i.amountMinor, 0);
    if (sum !== proposal.totalMinor || proposal.instalments.length === 0) {
      throw new Error(`instalments sum to ${sum} but the plan total is ${proposal.totalMinor}`);
    }
    return ok({
      kind: 'plan',
      plan: {
        id: ctx.ids.next('plan'),
        caseId: input.case.id,
        currency: proposal.currency,
        totalMinor: proposal.totalMinor,
        waivedMinor: proposal.waivedMinor,
        instalments: proposal.instalments,
        status: 'proposed',
        createdAt: ctx.now,
      },
      reasons: proposal.reasons,
    });
  } catch (error) {
    return err(policyFailure(policy, error));
  }
};
