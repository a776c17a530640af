import type { FollowUpInput } from '../contracts/follow-up';
import type { FollowUp, FollowUpPause } from '../domain/follow-up';
import { compareText } from '../order/compare';
import { type PolicyFailure, policyFailure } from '../plugins/failure';
import type { ResolvedPolicySet } from '../plugins/policy-set';
import type { Reason } from '../reasons/reason';
import { err, ok, type Result } from '../result/result';
import type { DecisionContext } from './context';

export interface FollowUpDecision {
  /** In due order; ties by kind, so the schedule is identical on every run. */
  followUps: FollowUp[];
  reasons: Reason[];
  /** The hardship pause the outcome starts, which the worker records with the schedule; null: none. */
  pause: FollowUpPause | null;
}

/**
 * Turns a visit outcome, or an accepted repayment plan (`outcome: null`), into the follow-up schedule
 * the worker puts on durable timers.
 */
export const decideFollowUps = (
  set: ResolvedPolicySet,
  input: Omit<FollowUpInput, 'now'>,
  ctx: DecisionContext,
): Result<FollowUpDecision, PolicyFailure> => {
  const policy = set.followUp;
  try {
    const proposal = policy.fns.decide({ ...input, now: ctx.now });
    const ordered = [...proposal.followUps].sort(
      (a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || compareText(a.kind, b.kind),
    );
    return ok({
      followUps: ordered.map((f) => ({
        id: ctx.ids.next('fu'),
        caseId: input.case.id,
        kind: f.kind,
        dueAt: f.dueAt,
        educationTopic: f.educationTopic,
        reason: f.reason,
      })),
      reasons: proposal.reasons,
      pause: proposal.pause ?? null,
    });
  } catch (error) {
    return err(policyFailure(policy, error));
  }
};
