import { freeText } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { MASK } from '../../auth/roles';
import type { complianceOverrides } from '../../db/schema';
import { isoOf } from '../v1/schemas';

/** Long enough that "ok" or "urgent" is refused: the reason is the evidence a regulator reads. */
export const MIN_REASON_LENGTH = 20;

export const OverrideInputSchema = z
  .object({
    rule: z
      .string()
      .min(1)
      .max(64)
      .openapi({ example: 'cooldown', description: 'The `rule` of the veto to lift.' }),
    reason: freeText({ min: MIN_REASON_LENGTH, max: 2000, trim: true }).openapi({
      description: `Why the rule is lifted for this visit, at least ${MIN_REASON_LENGTH} characters once leading and trailing spaces are trimmed.`,
    }),
  })
  .openapi('ComplianceOverrideInput');

export const OverrideSchema = z
  .object({
    id: z.string().openapi({ example: 'ovr_3kq9w0…' }),
    visitId: z.string(),
    rule: z.string(),
    reason: z.string().openapi({ description: 'Masked as `***` for analyst keys.' }),
    supervisorKeyId: z.string(),
    createdAt: z.string(),
  })
  .openapi('ComplianceOverride');

export function overrideBody(row: typeof complianceOverrides.$inferSelect, masked: boolean) {
  return {
    id: row.id,
    visitId: row.visitId,
    rule: row.rule,
    reason: masked ? MASK : row.reason,
    supervisorKeyId: row.supervisorKeyId,
    createdAt: isoOf(row.createdAt),
  };
}
