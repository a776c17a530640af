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
  /** `partly_kept`: something, not all, was paid by the date; `cancelled`: withdrawn before it fell due. */
  status: z.enum(['open', 'kept', 'partly_kept', 'broken', 'cancelled']),
});
export type PromiseToPay = z.infer<typeof PromiseToPaySchema>;
