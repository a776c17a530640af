import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { listKeys } from '../../repositories/api-keys';
import { ApiKeySchema, apiKeyBody } from './api-key-schema';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';

export const route = partnerRoute(['admin'], {
  operationId: 'listApiKeys',
  method: 'get',
  path: '/v1/api-keys',
  tags: ['API keys'],
  summary: 'List API keys',
  description: 'Every key of the tenant, revoked ones included; never the secrets.',
  responses: {
    200: {
      description: 'Keys',
      content: {
        'application/json': { schema: z.object({ items: z.array(ApiKeySchema) }).openapi('ApiKeyList') },
      },
    },
    ...problems(),
  },
});

export function registerListApiKeys(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const rows = await listKeys(c.var.services.db, c.var.auth.tenantId);
    return c.json({ items: rows.map(apiKeyBody) }, 200);
  });
}
