import { z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { webhookSubscriptions } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';
import { subscriptionBody, WebhookSubscriptionSchema } from './webhook-subscription-schema';

export const route = partnerRoute(['admin', 'supervisor'], {
  operationId: 'listWebhookSubscriptions',
  method: 'get',
  path: '/v1/webhook-subscriptions',
  tags: ['Webhooks'],
  summary: 'List webhook subscriptions',
  description: 'Never the secrets.',
  responses: {
    200: {
      description: 'Subscriptions',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(WebhookSubscriptionSchema) }).openapi('WebhookSubscriptionList'),
        },
      },
    },
    ...problems(),
  },
});

export function registerListWebhookSubscriptions(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const rows = await c.var.services.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.tenantId, c.var.auth.tenantId))
      .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id))
      .all();
    return c.json({ items: rows.map(subscriptionBody) }, 200);
  });
}
