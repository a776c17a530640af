import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { batchBody, findBatch } from '../../intake/batches';
import { signedDelivery } from '../../intake/request';
import { defineOperation, SECURITY } from '../operation';
import { BATCHES_PATH } from './post-batch';
import { BatchSchema, intakeProblems, SignedHeadersSchema } from './schemas';

export const route = defineOperation({
  operationId: 'getIntakeBatch',
  method: 'get',
  path: `${BATCHES_PATH}/{batchId}`,
  tags: ['Intake'],
  security: SECURITY.webhookSignature,
  summary: 'Follow a batch file',
  description:
    'Counts of accepted, applied and rejected lines and the per-line errors. Signed like a delivery, over an empty body, with any fresh `webhook-id`.',
  request: { headers: SignedHeadersSchema, params: z.object({ batchId: z.string() }) },
  responses: {
    200: { description: 'The batch', content: { 'application/json': { schema: BatchSchema } } },
    401: intakeProblems[401],
    422: {
      description: 'A query parameter this operation does not take',
      content: intakeProblems[401].content,
    },
    404: { description: 'No such batch for this tenant', content: intakeProblems[401].content },
  },
});

export function registerGetBatch(app: ReturnType<typeof createRouter>) {
  app.openAPIRegistry.registerPath(route);
  app.get(`${BATCHES_PATH}/:batchId`, async (c) => {
    const delivery = await signedDelivery(c);
    const row = await findBatch(c.var.services.db, delivery.tenantId, c.req.param('batchId'));
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such batch.');
    return c.json(batchBody(row), 200);
  });
}
