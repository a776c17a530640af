import type { z } from 'zod';
import type { Case } from '../domain/case';
import type { DelinquencySnapshot } from '../domain/delinquency';
import type { TenantSettings } from '../domain/tenant';
import type { Money } from '../money/money';
import { type AnyPolicy, definePolicy, type Policy, type PolicyDefinition } from '../plugins/policy';
import type { Reason, ReasonCode, ReasonTemplates } from '../reasons/reason';
import type { Instant, LocalDate } from '../time/schemas';

export interface RepaymentInput {
  now: Instant;
  tenant: TenantSettings;
  case: Case;
  snapshot: DelinquencySnapshot;
  /** What the customer said they can pay each month (还款能力). */
  monthlyAbilityToPay: Money;
  /** 1–31; the customer's payday, clamped to shorter months. */
  preferredDayOfMonth?: number;
}

export interface ProposedInstalment {
  sequence: number;
  dueDate: LocalDate;
  dueAt: Instant;
  amountMinor: number;
}

export type RepaymentProposal<C extends string = string> =
  | {
      kind: 'plan';
      currency: string;
      /** What the customer repays: the instalments add up to exactly this. */
      totalMinor: number;
      waivedMinor: number;
      instalments: ProposedInstalment[];
      reasons: Reason<C>[];
    }
  | { kind: 'refusal'; reasons: Reason<C>[] };

export interface RepaymentFunctions<C extends string = string> {
  propose(input: RepaymentInput): RepaymentProposal<C>;
}

export type RepaymentPolicy<R extends ReasonTemplates, S extends z.ZodType> = Policy<
  'repayment',
  R,
  S,
  RepaymentFunctions<ReasonCode<R>>
>;
export type AnyRepaymentPolicy = AnyPolicy<'repayment', RepaymentFunctions>;

export const defineRepaymentPolicy = <const R extends ReasonTemplates, S extends z.ZodType>(
  definition: PolicyDefinition<R, S, RepaymentFunctions<ReasonCode<R>>>,
): RepaymentPolicy<R, S> => definePolicy('repayment', definition);
