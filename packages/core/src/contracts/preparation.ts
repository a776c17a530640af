import type { z } from 'zod';
import type { Account } from '../domain/account';
import type { Arrears } from '../domain/arrears';
import type { Case } from '../domain/case';
import type { CreditHistory } from '../domain/credit-history';
import type { Customer } from '../domain/customer';
import type { DelinquencySnapshot } from '../domain/delinquency';
import type { ChecklistItem, Dossier } from '../domain/dossier';
import type { ContactAttempt, Payment } from '../domain/payment';
import type { PromiseToPay } from '../domain/promise-to-pay';
import type { RepaymentPlan } from '../domain/repayment-plan';
import type { TenantSettings } from '../domain/tenant';
import type { Visit, VisitPurpose } from '../domain/visit';
import type { VisitOutcome } from '../domain/visit-outcome';
import { type AnyPolicy, definePolicy, type Policy, type PolicyDefinition } from '../plugins/policy';
import type { Reason, ReasonCode, ReasonTemplates } from '../reasons/reason';
import type { Instant } from '../time/schemas';

export interface PreparationInput {
  now: Instant;
  tenant: TenantSettings;
  customer: Customer;
  account: Account;
  case: Case;
  snapshot: DelinquencySnapshot;
  /**
   * What the case says is owed now (`arrearsOf` the snapshot and the payments since, or the figures an
   * ended episode recorded): the dossier shows these, never the snapshot's own total.
   */
  arrears: Arrears;
  /** Earlier snapshots of this account, any order. */
  overdueHistory: DelinquencySnapshot[];
  payments: Payment[];
  contacts: ContactAttempt[];
  history: CreditHistory;
  previousVisits: Array<{ visit: Visit; outcome: VisitOutcome | null }>;
  promises: PromiseToPay[];
  repaymentPlans: RepaymentPlan[];
}

export interface PreparationProposal<C extends string = string> {
  dossier: Dossier;
  purpose: VisitPurpose;
  checklist: ChecklistItem[];
  reasons: Reason<C>[];
}

/** What a case's requirements are decided from: cheap to read for every candidate of a day's plan. */
export interface RequirementsInput {
  tenant: TenantSettings;
  customer: Customer;
  account: Account;
  case: Case;
}

/**
 * What the team visiting a case must bring: every skill in `skills` (a member of seniority `senior`
 * brings `senior`), and someone who speaks `language`. The planner sends only such a team.
 */
export interface VisitRequirements<C extends string = string> {
  skills: string[];
  language: string | null;
  reasons: Reason<C>[];
}

export interface PreparationFunctions<C extends string = string> {
  prepare(input: PreparationInput): PreparationProposal<C>;
  /** Optional: a plugin without it sets no requirement on the team. */
  requirements?(input: RequirementsInput): VisitRequirements<C>;
}

export type PreparationPolicy<R extends ReasonTemplates, S extends z.ZodType> = Policy<
  'preparation',
  R,
  S,
  PreparationFunctions<ReasonCode<R>>
>;
export type AnyPreparationPolicy = AnyPolicy<'preparation', PreparationFunctions>;

export const definePreparationPolicy = <const R extends ReasonTemplates, S extends z.ZodType>(
  definition: PolicyDefinition<R, S, PreparationFunctions<ReasonCode<R>>>,
): PreparationPolicy<R, S> => definePolicy('preparation', definition);
