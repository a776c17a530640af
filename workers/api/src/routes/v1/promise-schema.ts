import { z } from '@hono/zod-openapi';
import type { PromiseRow } from '../../repositories/promises';
import { CommitmentChannelSchema } from './commitment-schema';
import { isoOf, isoOrNull, MoneySchema } from './schemas';

export const PromiseSchema = z
  .object({
    id: z.string().openapi({ example: 'ptp_3kq9w0…' }),
    visitId: z.string().nullable(),
    channel: CommitmentChannelSchema.openapi({ description: 'Where the customer made it.' }),
    amount: MoneySchema,
    promisedDate: z
      .string()
      .openapi({ description: 'The date the customer promised, in the tenant’s zone.' }),
    status: z.enum(['open', 'kept', 'partly_kept', 'broken', 'cancelled']),
    paid: MoneySchema,
    checkedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PromiseToPay');

export function promiseBody(p: PromiseRow): z.infer<typeof PromiseSchema> {
  return {
    id: p.id,
    visitId: p.visitId,
    channel: p.channel,
    amount: { amountMinor: p.amount, currency: p.currency },
    promisedDate: p.promisedDate,
    status: p.status,
    paid: { amountMinor: p.paid, currency: p.currency },
    checkedAt: isoOrNull(p.checkedAt),
    createdAt: isoOf(p.createdAt),
  };
}
