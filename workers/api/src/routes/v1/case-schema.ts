import { z } from '@hono/zod-openapi';
import type { CaseRow } from '../../repositories/cases';
import type { LatestScreening } from '../../repositories/screening-decisions';
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
    screening: z
      .object({
        eligible: z.boolean(),
        priority: z.number().nullable(),
        policyVersion: z.number().int(),
        reasons: z.array(
          z.object({ code: z.string(), message: z.string(), data: z.record(z.string(), z.unknown()) }),
        ),
        decidedAt: z.string(),
      })
      .nullable()
      .openapi({
        description:
          'The latest screening decision with its reasons in words (why the case is, or is not, in the queue); null until screened.',
      }),
    openedAt: z.string(),
    endedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Case');

export type CaseBody = z.infer<typeof CaseSchema>;

export function caseBody(row: CaseRow, screening: LatestScreening | null): CaseBody {
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
    screening: screening && { ...screening, decidedAt: isoOf(screening.decidedAt) },
    openedAt: isoOf(row.openedAt),
    endedAt: isoOrNull(row.endedAt),
    version: row.version,
  };
}
