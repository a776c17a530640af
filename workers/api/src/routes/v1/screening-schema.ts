import { CASE_STATUSES } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import type { ScreeningRunRow } from '../../screening/runs';
import { isoOf, isoOrNull } from './schemas';

export const ScreeningFilterSchema = z
  .object({
    status: z.enum(CASE_STATUSES).optional(),
    bucket: z.string().max(8).optional(),
    regionId: z.string().max(64).optional(),
    agencyId: z.string().max(64).optional(),
    unscreened: z.boolean().optional().openapi({
      description:
        'Only open cases whose inputs changed since they were last screened (intake clears their screening).',
    }),
  })
  .openapi('ScreeningFilter', { description: 'Which cases to screen; empty screens the whole portfolio.' });

export const ScreeningRunSchema = z
  .object({
    id: z.string().openapi({ example: 'scr_3kq9w0…' }),
    status: z.enum(['running', 'completed', 'failed']),
    filter: ScreeningFilterSchema,
    policyVersion: z.number().int(),
    screened: z.number().int(),
    eligible: z.number().int(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .openapi('ScreeningRun');

export function screeningRunBody(row: ScreeningRunRow): z.infer<typeof ScreeningRunSchema> {
  return {
    id: row.id,
    status: row.status,
    filter: row.filter as z.infer<typeof ScreeningFilterSchema>,
    policyVersion: row.policyVersion,
    screened: row.screened,
    eligible: row.eligible,
    createdAt: isoOf(row.createdAt),
    completedAt: isoOrNull(row.completedAt),
  };
}
