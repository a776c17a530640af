import type { z } from 'zod';
import type { EducationTopic } from '../domain/education';
import type { TenantSettings } from '../domain/tenant';
import type { CaseId, CustomerId } from '../ids/ids';
import { type AnyPolicy, definePolicy, type Policy, type PolicyDefinition } from '../plugins/policy';
import type { Reason, ReasonCode, ReasonTemplates } from '../reasons/reason';
import type { Instant } from '../time/schemas';

/** A case that just ended cured: the moment a collections relationship becomes an ordinary one. */
export interface RelationshipInput {
  now: Instant;
  tenant: TenantSettings;
  cure: { caseId: CaseId; customerId: CustomerId; curedAt: Instant };
}

/**
 * Light contact after a cure, never about money: a check-in message to see how the customer is doing,
 * or a lesson offered. Each is judged again when it falls due (the customer's consent, opt-out and
 * compliance flags as they are then), so a plan is what may happen, not what will.
 */
export interface PlannedContact<C extends string = string> {
  kind: 'check_in' | 'lesson_offer';
  dueAt: Instant;
  /** Months after the cure, as the customer would count them ("one month on"). */
  monthsAfterCure: number;
  lessonId: EducationTopic | null;
  reason: Reason<C>;
}

export interface RelationshipPlan<C extends string = string> {
  contacts: PlannedContact<C>[];
  /**
   * `opt-out`: contact unless the customer said no. `opt-in`: only after the customer said yes. Either
   * way a customer who opted out, or asked that contact cease, hears nothing.
   */
  consent: 'opt-in' | 'opt-out';
  /** The arm of an education experiment the cure was drawn into, if one runs. */
  experiment: { id: string; arm: 'offered' | 'withheld'; draw: number } | null;
  reasons: Reason<C>[];
}

export interface RelationshipFunctions<C extends string = string> {
  afterCure(input: RelationshipInput): RelationshipPlan<C>;
}

export type RelationshipPolicy<R extends ReasonTemplates, S extends z.ZodType> = Policy<
  'relationship',
  R,
  S,
  RelationshipFunctions<ReasonCode<R>>
>;
export type AnyRelationshipPolicy = AnyPolicy<'relationship', RelationshipFunctions>;

export const defineRelationshipPolicy = <const R extends ReasonTemplates, S extends z.ZodType>(
  definition: PolicyDefinition<R, S, RelationshipFunctions<ReasonCode<R>>>,
): RelationshipPolicy<R, S> => definePolicy('relationship', definition);
