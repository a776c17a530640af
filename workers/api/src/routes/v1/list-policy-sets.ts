import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { listVersions } from '../../repositories/policy-sets';
import { partnerRoute } from './partner-route';
import { PolicySetSchema, policySetBody } from './policy-set-schema';
import { problems } from './schemas';

export const route = partnerRoute(['admin', 'supervisor', 'analyst'], {
  operationId: 'listPolicySets',
  method: 'get',
  path: '/v1/policy-set/versions',
  tags: ['Policy set'],
  summary: 'Policy set history',
  description: 'Every version ever activated, newest first.',
  responses: {
    200: {
      description: 'Versions',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(PolicySetSchema) }).openapi('PolicySetList'),
        },
      },
    },
    ...problems(),
  },
});

export function registerListPolicySets(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const rows = await listVersions(c.var.services.db, c.var.auth.tenantId);
    return c.json({ items: rows.map(policySetBody) }, 200);
  });
}
