import { PolicySetSchema as CorePolicySetSchema, freeText, type PolicySet } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { audited } from '../../repositories/audit';
import {
  activationWrites,
  findStored,
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
    activate: z.boolean().default(true).openapi({
      description:
        'false stores the version without activating it: a candidate that a challenger experiment can name (`POST /v1/experiments`).',
    }),
  })
  .openapi('PolicySetActivate');

export const route = partnerRoute(['admin'], {
  operationId: 'activatePolicySet',
  method: 'post',
  path: '/v1/policy-set/versions',
  tags: ['Policy set'],
  summary: 'Store a new policy set version, and activate it unless told not to',
  description:
    'Validates the document against the plugins this deployment registers (`GET /v1/policy-set/plugins`; 422 `POLICY.INVALID` with every path otherwise, e.g. `/document/followUp/id` for a plugin that is not installed), stores it as the next version and makes it the active one — or, with `activate: false`, keeps it as a candidate for a challenger experiment.',
  request: { body: { content: { 'application/json': { schema: ActivateSchema } }, required: true } },
  responses: {
    201: { description: 'Stored', content: { 'application/json': { schema: PolicySetSchema } } },
    ...problems(400, 409),
  },
});

export function registerActivatePolicySet(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { document, reason, activate } = c.req.valid('json');
    const resolved = validatePolicySet(document);
    if (!resolved.ok) throw policyProblem(resolved.error);
    const { db, ports } = c.var.services;
    const { tenantId, keyId } = c.var.auth;
    const parsed: PolicySet = CorePolicySetSchema.parse(document);
    const now = ports.now();
    await audited(
      c,
      {
        action: activate ? 'policy-set.activated' : 'policy-set.stored',
        subjectType: 'policy_set',
        subjectId: null,
        reason,
      },
      activationWrites(db, tenantId, parsed, now, keyId, activate),
    );
    const row = await findStored(db, tenantId, keyId, now);
    if (!row) throw new Error('stored policy set not found');
    c.header('Location', activate ? '/v1/policy-set' : '/v1/policy-set/versions');
    return c.json(policySetBody(row), 201);
  });
}
