import { z } from '@hono/zod-openapi';
import type { PolicySetRow } from '../../repositories/policy-sets';
import { isoOf } from './schemas';

export const PolicySetDocumentSchema = z.record(z.string(), z.unknown()).openapi('PolicySetDocument', {
  description:
    'Which plugins decide, with which options: `{ version, screening: [{ id, options }], compliance: [...], preparation, planning?, repayment, followUp }`. Validated against the plugin registry.',
});

export const PolicySetSchema = z
  .object({
    version: z.number().int().openapi({ description: '0 is the built-in default set.' }),
    active: z.boolean(),
    document: PolicySetDocumentSchema,
    createdAt: z.string().nullable(),
    createdBy: z.string().nullable(),
  })
  .openapi('PolicySet');

export function policySetBody(row: PolicySetRow): z.infer<typeof PolicySetSchema> {
  return {
    version: row.version,
    active: row.active,
    document: row.document as Record<string, unknown>,
    createdAt: isoOf(row.createdAt),
    createdBy: row.createdBy,
  };
}
