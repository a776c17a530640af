import { withRule } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { KeyNameSchema, keyExpirySchema, MAX_KEY_LIFETIME_DAYS } from '../../auth/api-key';
import { ROLES } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { systemClock } from '../../ports/runtime';
import { insertKey } from '../../repositories/api-keys';
import { audited } from '../../repositories/audit';
import { newApiKey } from '../../repositories/new-api-key';
import { indexKeyStatement } from '../../shards/placement';
import { apiKeyBody, CreatedApiKeySchema } from './api-key-schema';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';

const CreateSchema = withRule(
  withRule(
    z.object({
      name: KeyNameSchema,
      role: z.enum(ROLES),
      agencyId: z.string().min(4).max(64).nullable().default(null),
      agentId: z.string().min(4).max(64).nullable().default(null),
      expiresAt: keyExpirySchema(systemClock)
        .nullable()
        .default(null)
        .openapi({
          description: `After this instant the key stops working; in the future, at most ${MAX_KEY_LIFETIME_DAYS} days ahead. Null: until revoked.`,
          example: '2027-06-30T00:00:00.000Z',
        }),
    }),
    'An agency key needs agencyId',
    (k) => k.role !== 'agency' || k.agencyId !== null,
    ['agencyId'],
  ),
  'An agent key needs agentId',
  (k) => k.role !== 'agent' || k.agentId !== null,
  ['agentId'],
).openapi('ApiKeyCreate');

const createApiKeyExample = {
  name: 'Field app – Li Wei',
  role: 'agent',
  agentId: 'agt_demo00001',
} satisfies z.input<typeof CreateSchema>;

export const route = partnerRoute(['admin'], {
  operationId: 'createApiKey',
  method: 'post',
  path: '/v1/api-keys',
  tags: ['API keys'],
  summary: 'Create an API key',
  description: 'The response carries the secret once; store it in the partner app’s secret store.',
  request: {
    body: {
      content: { 'application/json': { schema: CreateSchema, example: createApiKeyExample } },
      required: true,
    },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: CreatedApiKeySchema } } },
    ...problems(400, 409),
  },
});

export function registerCreateApiKey(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const { db, directory, ports } = c.var.services;
    const { row, secret } = await newApiKey(ports, c.var.auth.tenantId, {
      ...body,
      expiresAt: body.expiresAt === null ? null : Date.parse(body.expiresAt),
    });
    // Indexed first: an index entry without its key authenticates nothing, a key without one might.
    await indexKeyStatement(directory, row.keyHash, row.tenantId).run();
    await audited(
      c,
      { action: 'api-key.created', subjectType: 'api_key', subjectId: row.id, data: { role: row.role } },
      [insertKey(db, row)],
    );
    c.header('Location', `/v1/api-keys/${row.id}`);
    return c.json({ apiKey: apiKeyBody(row), secret }, 201);
  });
}
