import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { webhookSubscriptions } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { PING_EVENT_TYPE, sendPing } from '../../webhooks/ping';
import { checkWebhookTarget } from '../../webhooks/target-url';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';

const PingResultSchema = z
  .object({
    eventId: z.string().openapi({ description: 'The `webhook-id` the ping was sent with.' }),
    delivered: z.boolean().openapi({ description: 'The endpoint answered 2xx.' }),
    statusCode: z.number().int().nullable().openapi({ description: 'Null when no answer came.' }),
    error: z.string().nullable().openapi({
      description: 'Why no answer came (`TimeoutError`, `TypeError` for a refused connection…).',
    }),
    durationMs: z.number().int(),
  })
  .openapi('WebhookPingResult');

export const route = partnerRoute(['admin'], {
  method: 'post',
  path: '/v1/webhook-subscriptions/{subscriptionId}/test',
  operationId: 'testWebhookSubscription',
  tags: ['Webhooks'],
  summary: 'Send a signed test ping',
  description: `Sends one \`${PING_EVENT_TYPE}\` event to the subscription’s URL now, signed with its secret exactly as real deliveries are (Standard Webhooks \`webhook-id\`, \`webhook-timestamp\`, \`webhook-signature\`), and answers with what the endpoint replied. The ping is not stored as an event nor retried; each call sends one. A stopped subscription is 409.`,
  request: { params: idParam('subscriptionId', 'whs') },
  responses: {
    200: {
      description: 'The ping was sent; `delivered` says whether the endpoint accepted it',
      content: { 'application/json': { schema: PingResultSchema } },
    },
    ...problems(404, 409),
  },
});

export function registerTestWebhookSubscription(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { subscriptionId } = c.req.valid('param');
    const { db, ports } = c.var.services;
    const row = await db
      .select()
      .from(webhookSubscriptions)
      .where(
        and(
          eq(webhookSubscriptions.tenantId, c.var.auth.tenantId),
          eq(webhookSubscriptions.id, subscriptionId),
        ),
      )
      .get();
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such webhook subscription.');
    if (!row.active)
      throw new ApiError('RESOURCE.CONFLICT', 'The subscription is stopped: nothing is sent to it.');
    // Judged again as at delivery: a URL allowed when subscribed may not be now (another mode).
    const target = checkWebhookTarget(row.url, c.env.DOORSTEP_MODE);
    if (!target.ok)
      throw new ApiError(
        'RESOURCE.CONFLICT',
        `The subscription's URL may not receive webhooks: ${target.reason}.`,
      );
    const result = await sendPing({
      subscriptionId,
      url: target.url,
      secret: row.secret,
      eventId: ports.newId('evt'),
      now: ports.now(),
    });
    await audited(
      c,
      {
        action: 'webhook-subscription.tested',
        subjectType: 'webhook_subscription',
        subjectId: subscriptionId,
        data: { eventId: result.eventId, statusCode: result.statusCode, error: result.error },
      },
      [],
    );
    return c.json(result, 200);
  });
}
