import type { z } from 'zod';
import type { Case } from '../domain/case';
import type { EducationTopic } from '../domain/education';
import type { FollowUpKind, FollowUpPause } from '../domain/follow-up';
import type { PromiseToPay } from '../domain/promise-to-pay';
import type { RepaymentPlan } from '../domain/repayment-plan';
import type { TenantSettings } from '../domain/tenant';
import type { VisitOutcome } from '../domain/visit-outcome';
import type { Money } from '../money/money';
import { type AnyPolicy, definePolicy, type Policy, type PolicyDefinition } from '../plugins/policy';
import type { Reason, ReasonCode, ReasonTemplates } from '../reasons/reason';
import type { Instant } from '../time/schemas';

/**
 * What a follow-up schedule is decided from. Two moments ask for one: a visit outcome was recorded
 * (`outcome` set), or the customer accepted a repayment plan (`outcome` null, `plan` the accepted
 * plan) — then only the plan's own reminders and checks are due, and the policy must not read a
 * willingness or ability that nobody recorded.
 */
export interface FollowUpInput {
  now: Instant;
  tenant: TenantSettings;
  case: Case;
  outcome: VisitOutcome | null;
  overdueTotal: Money;
  plan: RepaymentPlan | null;
  promise: PromiseToPay | null;
}

export interface ProposedFollowUp<C extends string = string> {
  kind: FollowUpKind;
  dueAt: Instant;
  educationTopic: EducationTopic | null;
  reason: Reason<C>;
}

export interface FollowUpProposal<C extends string = string> {
  followUps: ProposedFollowUp<C>[];
  /** Why this schedule as a whole (e.g. the willingness × ability quadrant). */
  reasons: Reason<C>[];
  /**
   * A hardship pause the outcome starts: until then compliance lets only supportive follow-ups act
   * (see `ActionStance`). Absent or null: none.
   */
  pause?: FollowUpPause | null;
}

export interface FollowUpFunctions<C extends string = string> {
  decide(input: FollowUpInput): FollowUpProposal<C>;
}

export type FollowUpPolicy<R extends ReasonTemplates, S extends z.ZodType> = Policy<
  'followUp',
  R,
  S,
  FollowUpFunctions<ReasonCode<R>>
>;
export type AnyFollowUpPolicy = AnyPolicy<'followUp', FollowUpFunctions>;

export const defineFollowUpPolicy = <const R extends ReasonTemplates, S extends z.ZodType>(
  definition: PolicyDefinition<R, S, FollowUpFunctions<ReasonCode<R>>>,
): FollowUpPolicy<R, S> => definePolicy('followUp', definition);
