import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { problemsAsFieldErrors, validatePolicySet } from '../../repositories/policy-sets';
import { partnerRoute } from './partner-route';
import { PolicySetDocumentSchema } from './policy-set-schema';
import { problems } from './schemas';

const ValidationSchema = z
  .object({
    valid: z.boolean(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })),
  })
  .openapi('PolicySetValidation');

export const route = partnerRoute(['admin', 'supervisor'], {
  operationId: 'validatePolicySet',
  method: 'post',
  path: '/v1/policy-set/validate',
  tags: ['Policy set'],
  summary: 'Check a policy set without activating it',
  description: 'Every problem at once, each with its JSON path into the document.',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ document: PolicySetDocumentSchema }) } },
      required: true,
    },
  },
  responses: {
    200: { description: 'The verdict', content: { 'application/json': { schema: ValidationSchema } } },
    ...problems(400, 409),
  },
});

export function registerValidatePolicySet(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const result = validatePolicySet(c.req.valid('json').document);
    const errors = result.ok ? [] : problemsAsFieldErrors(result.error, '/document');
    return c.json({ valid: result.ok, errors: errors.map(({ in: _where, ...error }) => error) }, 200);
  });
}
