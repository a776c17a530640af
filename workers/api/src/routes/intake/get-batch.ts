import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { every } from 'hono/combine';
import type { createRouter } from '../../http/app';
import type { AppEnv } from '../../http/app-env';
import { ApiError } from '../../http/error-codes';
import { batchBody, findBatch } from '../../intake/batches';
import { signedDelivery } from '../../intake/request';
import { authenticate } from '../../middleware/authenticate';
import { requireRole } from '../../middleware/authorize';
import { rateLimit } from '../../middleware/rate-limit';
import { defineOperation, SECURITY } from '../operation';
import { BATCHES_PATH } from './post-batch';
import { BatchSchema, intakeProblems, SignedHeadersSchema } from './schemas';

export const route = defineOperation({
  operationId: 'getIntakeBatch',
  method: 'get',
  path: `${BATCHES_PATH}/{batchId}`,
  tags: ['Intake'],
  // Either core banking's signature or an operator's admin key.
  security: [...SECURITY.webhookSignature, ...SECURITY.apiKey],
  summary: 'Follow a batch file',
  description:
    'Counts of accepted, applied and rejected lines and the per-line errors. Core banking signs the request like a delivery, over an empty body, with any fresh `webhook-id`; an operator reads it with an admin API key (`Authorization: Bearer dsk_…`) instead of the signature headers.',
  request: { headers: SignedHeadersSchema.partial(), params: z.object({ batchId: z.string() }) },
  responses: {
    200: { description: 'The batch', content: { 'application/json': { schema: BatchSchema } } },
    401: intakeProblems[401],
    422: {
      description: 'A query parameter this operation does not take',
      content: intakeProblems[401].content,
    },
    403: { description: 'An API key whose role is not admin', content: intakeProblems[401].content },
    429: { description: 'Rate limit for this API key exceeded', content: intakeProblems[401].content },
    404: { description: 'No such batch for this tenant', content: intakeProblems[401].content },
  },
});

export function registerGetBatch(app: ReturnType<typeof createRouter>) {
  app.openAPIRegistry.registerPath(route);
  app.get(`${BATCHES_PATH}/:batchId`, async (c) => {
    const tenantId =
      c.req.header('Authorization') === undefined ? (await signedDelivery(c)).tenantId : await adminTenant(c);
    const row = await findBatch(c.var.services.db, tenantId, c.req.param('batchId'));
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such batch.');
    return c.json(batchBody(row), 200);
  });
}

const asAdmin = every(authenticate(), rateLimit(), requireRole(['admin']));

/** The tenant of an admin API key, checked as the partner API checks keys (401, 429, 403). */
async function adminTenant(c: Context<AppEnv>): Promise<string> {
  await asAdmin(c, async () => {});
  return c.var.auth.tenantId;
}
