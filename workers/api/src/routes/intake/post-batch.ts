import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { ApiError, MOVING_RETRY_SECONDS } from '../../http/error-codes';
import { batchBody, batchInserts, batchRow, enqueuePendingChunks, splitFile } from '../../intake/batches';
import { holdsIntake } from '../../intake/hold';
import { findInbox, inboxInsert, replay, signedDelivery } from '../../intake/request';
import { defineOperation, SECURITY } from '../operation';
import { BatchSchema, intakeProblems, SignedHeadersSchema } from './schemas';

export const BATCHES_PATH = '/v1/intake/batches';
/** Newline-delimited JSON under its common name and its newer one; nothing else is read as a batch. */
export const BATCH_MEDIA_TYPES = ['application/x-ndjson', 'application/jsonl'] as const;

export const route = defineOperation({
  operationId: 'uploadIntakeBatch',
  method: 'post',
  path: BATCHES_PATH,
  tags: ['Intake'],
  security: SECURITY.webhookSignature,
  summary: 'Upload a batch file of events',
  description:
    'NDJSON, one event per line (the nightly extract), signed like a webhook. Every line is validated now; valid lines are applied in chunks through the queue, invalid ones are reported per line on the batch. A redelivery of the `webhook-id` answers with the same batch. While the tenant moves to another database a new file is refused (503 `TENANT.MOVING`, `Retry-After`): send it again after the move.',
  request: {
    headers: SignedHeadersSchema,
    body: {
      content: Object.fromEntries(BATCH_MEDIA_TYPES.map((type) => [type, { schema: z.string() }])),
    },
  },
  responses: {
    202: {
      description: 'Accepted; follow `Location` for progress',
      content: { 'application/json': { schema: BatchSchema } },
    },
    ...intakeProblems,
  },
});

export function registerPostBatch(app: ReturnType<typeof createRouter>) {
  app.openAPIRegistry.registerPath(route);
  app.post(BATCHES_PATH, async (c) => {
    const delivery = await signedDelivery(c);
    const { db, ports } = c.var.services;
    if (delivery.earlier) {
      const answer = replay(c, delivery, delivery.earlier);
      const { id } = JSON.parse(delivery.earlier.responseBody) as { id?: unknown };
      // The first attempt may have died between committing and queueing: queue what is still pending.
      if (typeof id === 'string') await enqueuePendingChunks(db, c.env.JOBS, delivery.tenantId, id);
      return answer;
    }

    // A file is applied chunk by chunk on the queue: too big to hold, so the sender brings it back later.
    if (holdsIntake(c.var.services.placement)) {
      c.header('Retry-After', String(MOVING_RETRY_SECONDS));
      throw new ApiError(
        'TENANT.MOVING',
        'This tenant is being moved to another database; send the file again in a few minutes (events are held meanwhile).',
      );
    }
    const file = splitFile(delivery.body, ports.now);
    if (file.totalLines === 0)
      throw new ApiError('REQUEST.INVALID', 'The file has no events.', {
        errors: [{ path: '/', in: 'body', message: 'Expected one event per line', code: 'empty_file' }],
      });
    const now = ports.now();
    const batchId = ports.newId('ib');
    const stored = batchRow(delivery.tenantId, batchId, file, now);
    const body = JSON.stringify(batchBody(stored));
    const d1 = c.var.services.d1;
    try {
      await d1.batch([
        inboxInsert(d1, delivery, ['batch'], 202, body, now),
        ...batchInserts(d1, stored, file.chunks),
      ]);
    } catch (error) {
      const earlier = await findInbox(c, delivery);
      if (!earlier) throw error;
      return replay(c, delivery, earlier);
    }
    await enqueuePendingChunks(db, c.env.JOBS, delivery.tenantId, batchId);
    c.header('Location', `${BATCHES_PATH}/${batchId}`);
    return c.newResponse(body, 202, { 'content-type': 'application/json' });
  });
}
