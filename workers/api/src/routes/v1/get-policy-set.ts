import type { createRouter } from '../../http/app';
import { DEFAULT_VERSION, findActive, platformDefaultPolicySet } from '../../repositories/policy-sets';
import { partnerRoute } from './partner-route';
import { PolicySetSchema, policySetBody } from './policy-set-schema';
import { problems } from './schemas';

export const route = partnerRoute(['admin', 'supervisor', 'analyst'], {
  operationId: 'getPolicySet',
  method: 'get',
  path: '/v1/policy-set',
  tags: ['Policy set'],
  summary: 'The active policy set',
  description: 'The plugins and options screening, preparation, repayment and follow-up decisions use now.',
  responses: {
    200: { description: 'The active set', content: { 'application/json': { schema: PolicySetSchema } } },
    ...problems(),
  },
});

export function registerGetPolicySet(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const row = await findActive(c.var.services.db, c.var.auth.tenantId);
    if (row) return c.json(policySetBody(row), 200);
    return c.json(
      {
        version: DEFAULT_VERSION,
        active: true,
        document: platformDefaultPolicySet,
        createdAt: null,
        createdBy: null,
      },
      200,
    );
  });
}
