import { z } from 'zod';
import { AccountIdSchema, CustomerIdSchema } from '../ids/ids';
import { CurrencySchema, MinorUnitsSchema } from '../money/money';

const AccountBase = {
  id: AccountIdSchema,
  customerId: CustomerIdSchema,
  product: z.string().min(1),
  currency: CurrencySchema,
};

export const AccountSchema = z.discriminatedUnion('type', [
  z.object({ ...AccountBase, type: z.literal('loan'), principalMinor: MinorUnitsSchema.nonnegative() }),
  z.object({ ...AccountBase, type: z.literal('credit_card'), limitMinor: MinorUnitsSchema.nonnegative() }),
]);
export type Account = z.infer<typeof AccountSchema>;
export type AccountType = Account['type'];
