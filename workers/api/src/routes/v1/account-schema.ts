import { z } from '@hono/zod-openapi';
import type { AccountView } from '../../repositories/accounts';
import { asOfInstant } from '../../repositories/domain';
import { MoneySchema, orNull } from './schemas';

export const AccountSchema = z
  .object({
    id: z.string().openapi({ example: 'acc_3kq9w0…' }),
    externalRef: z.string().openapi({ description: 'The core-banking account number.' }),
    customerId: z.string(),
    customerRef: z.string().openapi({ description: 'The core-banking customer number.' }),
    kind: z.enum(['loan', 'credit_card']),
    product: z.string(),
    currency: z.string(),
    limitOrPrincipal: MoneySchema.openapi({
      description: 'Credit limit for a card, original principal for a loan.',
    }),
    status: z.enum(['current', 'delinquent', 'closed']),
    dpd: z.number().int(),
    reportedOverdue: MoneySchema.openapi({
      description:
        'The overdue total of the latest delinquency snapshot, as core banking reported it at `lastReportedAt`. What is owed now, after later payments, is the open case’s `overdue`.',
    }),
    outstandingBalance: MoneySchema,
    lastReportedAt: orNull(z.string()).openapi({
      description:
        'As-of instant of the latest snapshot applied; null for an account known only from statements.',
    }),
    lastSequence: z.number().int().nullable(),
    openCaseId: z.string().nullable().openapi({ description: 'The case open on the account, if any.' }),
  })
  .openapi('Account');

export type AccountBody = z.infer<typeof AccountSchema>;

export function accountBody({ account, customerRef, openCaseId }: AccountView): AccountBody {
  const money = (amountMinor: number) => ({ amountMinor, currency: account.currency });
  return {
    id: account.id,
    externalRef: account.externalRef,
    customerId: account.customerId,
    customerRef,
    kind: account.kind,
    product: account.product,
    currency: account.currency,
    limitOrPrincipal: money(account.limitOrPrincipal),
    status: account.status,
    dpd: account.dpd,
    reportedOverdue: money(account.overdueTotal),
    outstandingBalance: money(account.outstandingBalance),
    lastReportedAt: account.lastAsOf === null ? null : asOfInstant(account.lastAsOf),
    lastSequence: account.lastSequence,
    openCaseId,
  };
}
