import type { z } from 'zod';
import type { Account } from '../domain/account';
import type { Case } from '../domain/case';
import type { CreditHistory } from '../domain/credit-history';
import type { Customer } from '../domain/customer';
import type { DelinquencySnapshot } from '../domain/delinquency';
import type { CustomerExposure } from '../domain/exposure';
import type { Region } from '../domain/region';
import type { TenantSettings } from '../domain/tenant';
import { type AnyPolicy, definePolicy, type Policy, type PolicyDefinition } from '../plugins/policy';
import type { Reason, ReasonCode, ReasonTemplates } from '../reasons/reason';
import type { Instant } from '../time/schemas';
import type { RiskFact } from './risk-model';

/**
 * Everything a screening policy may look at for one case. A case is one account's delinquency
 * episode (`case`, `account`, `snapshot`), but a visit is to the customer: `exposure` holds all
 * their accounts with what is outstanding, overdue and the limits, so a policy can weigh the whole
 * debt, not one account.
 */
export interface ScreeningInput {
  now: Instant;
  tenant: TenantSettings;
  customer: Customer;
  /** The customer's accounts and their sums in the tenant's currency (this case's account included). */
  exposure: CustomerExposure;
  /** The account whose delinquency opened this case. */
  account: Account;
  case: Case;
  /** This account's latest delinquency snapshot. */
  snapshot: DelinquencySnapshot;
  history: CreditHistory;
  /** Null when the customer's region has no risk assessment yet. */
  region: Region | null;
  /** The account's latest early-warning score; absent or null when its statements were never scored. */
  risk?: RiskFact | null;
}

export interface ScreeningVerdict<C extends string = string> {
  eligible: boolean;
  /** Contribution to the case's priority; higher is visited sooner. */
  score: number;
  reasons: Reason<C>[];
}

export interface ScreeningFunctions<C extends string = string> {
  screen(input: ScreeningInput): ScreeningVerdict<C>;
}

export type ScreeningPolicy<R extends ReasonTemplates, S extends z.ZodType> = Policy<
  'screening',
  R,
  S,
  ScreeningFunctions<ReasonCode<R>>
>;
export type AnyScreeningPolicy = AnyPolicy<'screening', ScreeningFunctions>;

/**
 * @example
 * export const minDpd = defineScreeningPolicy({
 *   id: 'min-dpd', version: '1.0.0', contract: '2.0', docs: { description: 'Visit from a DPD threshold.' },
 *   reasons: { 'dpd.over-threshold': 'DPD {dpd} >= {threshold}', 'dpd.under-threshold': 'DPD {dpd} < {threshold}' },
 *   options: z.object({ threshold: z.number().int() }), defaultOptions: { threshold: 30 },
 *   create: ({ threshold }, { reason }) => ({
 *     screen: ({ snapshot: { dpd } }) => dpd >= threshold
 *       ? { eligible: true, score: dpd, reasons: [reason('dpd.over-threshold', { dpd, threshold })] }
 *       : { eligible: false, score: 0, reasons: [reason('dpd.under-threshold', { dpd, threshold })] },
 *   }),
 * });
 */
export const defineScreeningPolicy = <const R extends ReasonTemplates, S extends z.ZodType>(
  definition: PolicyDefinition<R, S, ScreeningFunctions<ReasonCode<R>>>,
): ScreeningPolicy<R, S> => definePolicy('screening', definition);
