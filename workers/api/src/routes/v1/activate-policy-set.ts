import { PolicySetSchema as CorePolicySetSchema, freeText, type PolicySet } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { audited } from '../../repositories/audit';
import {
  activationWrites,
  findActive,
  policyProblem,
  validatePolicySet,
} from '../../repositories/policy-sets';
import { partnerRoute } from './partner-route';
import { PolicySetDocumentSchema, PolicySetSchema, policySetBody } from './policy-set-schema';
import { problems } from './schemas';

const ActivateSchema = z
  .object({
    document: PolicySetDocumentSchema,
    reason: freeText({ min: 1, max: 500, trim: true }).openapi({
      description: 'Why the change; kept in the audit trail.',
    }),
  })
  .openapi('PolicySetActivate');

export const route = partnerRoute(['admin'], {
  method: 'post',
  path: '/v1/policy-set/versions',
  tags: ['Policy set'],
  summary: 'Activate a new policy set version',
  description:
    'Validates the document against the plugin registry (422 `POLICY.INVALID` with every path otherwise), stores it as the next version and makes it the active one.',
  request: { body: { content: { 'application/json': { schema: ActivateSchema } }, required: true } },
  responses: {
    201: { description: 'Activated', content: { 'application/json': { schema: PolicySetSchema } } },
    ...problems(400, 409),
  },
});

export function registerActivatePolicySet(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { document, reason } = c.req.valid('json');
    const resolved = validatePolicySet(document);
    if (!resolved.ok) throw policyProblem(resolved.error);
    const { db, ports } = c.var.services;
    const { tenantId, keyId } = c.var.auth;
    const parsed: PolicySet = CorePolicySetSchema.parse(document);
    await audited(c, { action: 'policy-set.activated', subjectType: 'policy_set', subjectId: null, reason }, [
      ...activationWrites(db, tenantId, parsed, ports.now(), keyId),
    ]);
    const row = await findActive(db, tenantId);
    if (!row) throw new Error('activated policy set not found');
    c.header('Location', '/v1/policy-set');
    return c.json(policySetBody(row), 201);
  });
}
