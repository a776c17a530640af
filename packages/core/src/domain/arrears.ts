import { z } from 'zod';
import { CurrencySchema, MinorUnitsSchema } from '../money/money';
import { type Instant, InstantSchema } from '../time/schemas';
import { type DelinquencySnapshot, overdueTotalMinor } from './delinquency';
import type { Payment } from './payment';

/**
 * Core banking's snapshot is the debt as of its `asOf`; a payment made after that instant, in the
 * snapshot's currency, is not in it yet and counts against it. The one rule intake reduces cases with
 * and the dossier shows, so the two can never disagree.
 *
 * @example
 * paidAgainst({ asOfMs: Date.parse(snapshot.asOf), currency: 'CNY' }, payments, (p) => ({ atMs: p.paidAt, currency: p.currency }))
 */
export function paidAgainst<P>(
  reported: { asOfMs: number; currency: string },
  payments: readonly P[],
  fact: (payment: P) => { atMs: number; currency: string },
): P[] {
  return payments.filter((payment) => {
    const { atMs, currency } = fact(payment);
    return currency === reported.currency && atMs > reported.asOfMs;
  });
}

/** What is still owed of `overdueMinor` after `paidMinor`: an overpayment leaves nothing, never a credit. */
export const owedAfter = (overdueMinor: number, paidMinor: number): number =>
  Math.max(0, overdueMinor - paidMinor);

export const ArrearsSchema = z.object({
  asOf: InstantSchema.describe(
    'When these figures were last true: the later of the reported snapshot and the last payment counted since.',
  ),
  dpd: z.number().int().nonnegative(),
  currency: CurrencySchema,
  totalMinor: MinorUnitsSchema.nonnegative().describe(
    'Owed now: the reported total less the payments since.',
  ),
  reported: z
    .object({
      asOf: InstantSchema,
      sequence: z.number().int().nonnegative(),
      principalMinor: MinorUnitsSchema.nonnegative(),
      interestMinor: MinorUnitsSchema.nonnegative(),
      feesMinor: MinorUnitsSchema.nonnegative(),
      totalMinor: MinorUnitsSchema.nonnegative(),
    })
    .nullable()
    .describe('The overdue amounts as core banking last reported them; null when it never sent any.'),
  paidSinceReported: z.object({
    amountMinor: MinorUnitsSchema.nonnegative(),
    count: z.number().int().nonnegative(),
    lastAt: InstantSchema.nullable(),
  }),
});
export type Arrears = z.infer<typeof ArrearsSchema>;

/**
 * The arrears of an account as intake reduces them: its latest reported snapshot less the payments
 * made after it (`paidAgainst`), each figure with the instant it holds for.
 */
export function arrearsOf(snapshot: DelinquencySnapshot, payments: readonly Payment[]): Arrears {
  const counted = paidAgainst(
    { asOfMs: Date.parse(snapshot.asOf), currency: snapshot.currency },
    payments,
    (p) => ({
      atMs: Date.parse(p.at),
      currency: p.amount.currency,
    }),
  );
  const paidMinor = counted.reduce((sum, p) => sum + p.amount.amountMinor, 0);
  const lastAt = counted.reduce<string | null>(
    (last, p) => (last === null || Date.parse(p.at) > Date.parse(last) ? p.at : last),
    null,
  );
  const reportedTotal = overdueTotalMinor(snapshot);
  return {
    asOf: lastAt ?? snapshot.asOf,
    dpd: snapshot.dpd,
    currency: snapshot.currency,
    totalMinor: owedAfter(reportedTotal, paidMinor),
    reported: {
      asOf: snapshot.asOf,
      sequence: snapshot.sequence,
      principalMinor: snapshot.overduePrincipalMinor,
      interestMinor: snapshot.overdueInterestMinor,
      feesMinor: snapshot.overdueFeesMinor,
      totalMinor: reportedTotal,
    },
    paidSinceReported: { amountMinor: paidMinor, count: counted.length, lastAt },
  };
}

/**
 * Arrears taken as they were recorded, for an episode whose figures are no longer the account's (a
 * case that ended before a later one opened) or an account core banking never sent a snapshot for.
 */
export function recordedArrears(figures: {
  asOf: Instant;
  dpd: number;
  currency: string;
  totalMinor: number;
}): Arrears {
  return { ...figures, reported: null, paidSinceReported: { amountMinor: 0, count: 0, lastAt: null } };
}
