import { z } from '@hono/zod-openapi';
import type { CaseRow } from '../../repositories/cases';
import { isoOf, isoOrNull, MoneySchema } from './schemas';

export const CaseSchema = z
  .object({
    id: z.string().openapi({ example: 'case_3kq9w0…' }),
    customerId: z.string(),
    accountId: z.string(),
    status: z.string().openapi({ example: 'open' }),
    bucket: z.string().openapi({ example: 'M2' }),
    dpd: z.number().int(),
    overdue: MoneySchema,
    regionId: z.string().nullable(),
    agencyId: z.string().nullable(),
    eligible: z.boolean().nullable().openapi({ description: 'Null until screened.' }),
    priority: z
      .number()
      .nullable()
      .openapi({ description: 'Higher is visited sooner; null until screened.' }),
    lastScreenedAt: z.string().nullable(),
    openedAt: z.string(),
    endedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Case');

export type CaseBody = z.infer<typeof CaseSchema>;

export function caseBody(row: CaseRow): CaseBody {
  return {
    id: row.id,
    customerId: row.customerId,
    accountId: row.accountId,
    status: row.status,
    bucket: row.bucket,
    dpd: row.dpd,
    overdue: { amountMinor: row.overdueTotal, currency: row.currency },
    regionId: row.regionId,
    agencyId: row.agencyId,
    eligible: row.eligible,
    priority: row.priority,
    lastScreenedAt: isoOrNull(row.lastScreenedAt),
    openedAt: isoOf(row.openedAt),
    endedAt: isoOrNull(row.endedAt),
    version: row.version,
  };
}
