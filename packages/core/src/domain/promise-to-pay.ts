import { z } from 'zod';
import { CaseIdSchema, PromiseIdSchema } from '../ids/ids';
import { MoneySchema } from '../money/money';
import { InstantSchema, LocalDateSchema } from '../time/schemas';

export const PromiseToPaySchema = z.object({
  id: PromiseIdSchema,
  caseId: CaseIdSchema,
  amount: MoneySchema,
  dueDate: LocalDateSchema,
  madeAt: InstantSchema,
  status: z.enum(['open', 'kept', 'broken']),
});
export type PromiseToPay = z.infer<typeof PromiseToPaySchema>;
