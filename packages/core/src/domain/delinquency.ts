import { z } from 'zod';
import { AccountIdSchema } from '../ids/ids';
import { CurrencySchema, MinorUnitsSchema } from '../money/money';
import { InstantSchema } from '../time/schemas';

export const DelinquencySnapshotSchema = z.object({
  accountId: AccountIdSchema,
  asOf: InstantSchema,
  /** Monotonic per account, so a late-arriving older snapshot never overwrites a newer one. */
  sequence: z.number().int().nonnegative(),
  dpd: z.number().int().nonnegative(),
  currency: CurrencySchema,
  overduePrincipalMinor: MinorUnitsSchema.nonnegative(),
  overdueInterestMinor: MinorUnitsSchema.nonnegative(),
  overdueFeesMinor: MinorUnitsSchema.nonnegative(),
});
export type DelinquencySnapshot = z.infer<typeof DelinquencySnapshotSchema>;

export const overdueTotalMinor = (s: DelinquencySnapshot): number =>
  s.overduePrincipalMinor + s.overdueInterestMinor + s.overdueFeesMinor;
