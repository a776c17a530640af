import { z } from 'zod';
import { LocalDateSchema } from '../time/schemas';

export const CreditHistorySchema = z.object({
  timesDelinquent12m: z.number().int().nonnegative(),
  timesDelinquent24m: z.number().int().nonnegative(),
  maxDpdEver: z.number().int().nonnegative(),
  brokenPromises: z.number().int().nonnegative(),
  lastCureDate: LocalDateSchema.nullable(),
});
export type CreditHistory = z.infer<typeof CreditHistorySchema>;
