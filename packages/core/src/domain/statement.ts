import { z } from 'zod';
import { CurrencySchema, MinorUnitsSchema } from '../money/money';

/** `2026-09`: the calendar month a card statement closes in. */
export const StatementPeriodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a statement month such as 2026-09');
export type StatementPeriod = z.infer<typeof StatementPeriodSchema>;

/**
 * How the customer repaid by this statement, as card issuers report it: no spending, the balance
 * paid in full, at least the minimum paid (revolving), or the number of months behind.
 */
export const RepaymentStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no_activity') }),
  z.object({ kind: z.literal('paid_in_full') }),
  z.object({ kind: z.literal('revolving') }),
  z.object({ kind: z.literal('late'), monthsLate: z.number().int().min(1).max(120) }),
]);
export type RepaymentStatus = z.infer<typeof RepaymentStatusSchema>;

/** One monthly statement of a card account: what the early-warning model reads. */
export const StatementSchema = z.object({
  period: StatementPeriodSchema,
  currency: CurrencySchema,
  /** Credit limit in force at the statement. */
  limitMinor: MinorUnitsSchema.nonnegative(),
  /** Statement balance; negative is a credit balance. */
  balanceMinor: MinorUnitsSchema,
  minimumDueMinor: MinorUnitsSchema.nonnegative(),
  /** Paid during the statement month. */
  paymentMinor: MinorUnitsSchema.nonnegative(),
  status: RepaymentStatusSchema,
});
export type Statement = z.infer<typeof StatementSchema>;

/** The month before a statement month: `2026-01` → `2025-12`. */
export const previousPeriod = (period: StatementPeriod): StatementPeriod => {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};
