import { and, eq } from 'drizzle-orm';
import { webhookSubscriptions } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';
import { subscriptionBody, WebhookSubscriptionSchema } from './webhook-subscription-schema';

export const route = partnerRoute(['admin'], {
  operationId: 'deactivateWebhookSubscription',
  method: 'delete',
  path: '/v1/webhook-subscriptions/{subscriptionId}',
  tags: ['Webhooks'],
  summary: 'Stop a webhook subscription',
  description:
    'The subscription is kept inactive (its deliveries stay readable); no new events are sent. Repeating it changes nothing.',
  request: { params: idParam('subscriptionId', 'whs') },
  responses: {
    200: { description: 'Stopped', content: { 'application/json': { schema: WebhookSubscriptionSchema } } },
    ...problems(404),
  },
});

export function registerDeactivateWebhookSubscription(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { subscriptionId } = c.req.valid('param');
    const { db } = c.var.services;
    const scoped = and(
      eq(webhookSubscriptions.tenantId, c.var.auth.tenantId),
      eq(webhookSubscriptions.id, subscriptionId),
    );
    const row = await db.select().from(webhookSubscriptions).where(scoped).get();
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such webhook subscription.');
    await audited(
      c,
      {
        action: 'webhook-subscription.stopped',
        subjectType: 'webhook_subscription',
        subjectId: subscriptionId,
      },
      [db.update(webhookSubscriptions).set({ active: false }).where(scoped)],
    );
    return c.json(subscriptionBody({ ...row, active: false }), 200);
  });
}
