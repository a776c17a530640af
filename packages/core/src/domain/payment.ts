import { z } from 'zod';
import { AccountIdSchema } from '../ids/ids';
import { MoneySchema } from '../money/money';
import { InstantSchema } from '../time/schemas';

export const PaymentSchema = z.object({
  accountId: AccountIdSchema,
  at: InstantSchema,
  amount: MoneySchema,
});
export type Payment = z.infer<typeof PaymentSchema>;

export const ContactAttemptSchema = z.object({
  at: InstantSchema,
  channel: z.enum(['call', 'sms', 'email', 'letter', 'visit']),
  reached: z.boolean(),
});
export type ContactAttempt = z.infer<typeof ContactAttemptSchema>;
