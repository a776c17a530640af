import { z } from '@hono/zod-openapi';
import { ROLES } from '../../auth/roles';
import type { ApiKeyRow } from '../../repositories/api-keys';
import { isoOf, isoOrNull } from './schemas';

export const ApiKeySchema = z
  .object({
    id: z.string().openapi({ example: 'key_3kq9w0…' }),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to tell keys apart.' }),
    role: z.enum(ROLES),
    agencyId: z.string().nullable(),
    agentId: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().openapi({ description: 'Minute precision.' }),
  })
  .openapi('ApiKey');

export const CreatedApiKeySchema = z
  .object({
    apiKey: ApiKeySchema,
    secret: z
      .string()
      .openapi({ description: 'The key itself, `dsk_…`. Shown once: only its hash is stored.' }),
  })
  .openapi('CreatedApiKey');

export function apiKeyBody(row: ApiKeyRow): z.infer<typeof ApiKeySchema> {
  return {
    id: row.id,
    name: row.name,
    prefix: row.keyPrefix,
    role: row.role,
    agencyId: row.agencyId,
    agentId: row.agentId,
    createdAt: isoOf(row.createdAt),
    expiresAt: isoOrNull(row.expiresAt),
    revokedAt: isoOrNull(row.revokedAt),
    lastUsedAt: isoOrNull(row.lastUsedAt),
  };
}
