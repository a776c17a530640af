import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { deadLetterKeyOf, listDeadLetters } from '../../repositories/dead-letters';
import { partnerRoute } from '../v1/partner-route';
import { PageQuerySchema, pageOf, problems } from '../v1/schemas';
import { DeadLetterSchema, deadLetterBody } from './dead-letter-schema';

const QuerySchema = PageQuerySchema.extend({
  state: z
    .enum(['open', 'replayed'])
    .optional()
    .openapi({ description: '`open`: not replayed yet; `replayed`: sent to the queue again.' }),
});

const CursorSchema = z.tuple([z.number(), z.string()]);

export const route = partnerRoute(['admin', 'supervisor'], {
  operationId: 'listDeadLetters',
  method: 'get',
  path: '/v1/dead-letters',
  tags: ['Operations'],
  summary: 'Jobs that failed for good',
  description:
    'Queue messages of the tenant that exhausted their retries (the dead-letter queue records them), newest first. Replay one with `POST /v1/dead-letters/{deadLetterId}/replay`.',
  request: { query: QuerySchema },
  responses: {
    200: {
      description: 'A page of dead letters',
      content: { 'application/json': { schema: pageOf(DeadLetterSchema, 'DeadLetterPage') } },
    },
    ...problems(),
  },
});

export function registerListDeadLetters(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor, state } = c.req.valid('query');
    const rows = await listDeadLetters(
      c.var.services.db,
      c.var.auth.tenantId,
      state === undefined ? {} : { state },
      { limit, after: await decodeCursor(c, cursor, CursorSchema) },
    );
    const page = await paginate(c, rows, limit, deadLetterKeyOf);
    return c.json({ items: page.items.map(deadLetterBody), nextCursor: page.nextCursor }, 200);
  });
}
