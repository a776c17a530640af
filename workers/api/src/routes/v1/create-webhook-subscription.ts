import { z } from '@hono/zod-openapi';
import { webhookSubscriptions } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { newWebhookSecret } from '../../webhooks/sign';
import { checkWebhookTarget } from '../../webhooks/target-url';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';
import { EventTypesSchema, subscriptionBody, WebhookSubscriptionSchema } from './webhook-subscription-schema';

const CreateSchema = z
  .object({ url: z.string().min(8).max(2000), eventTypes: EventTypesSchema })
  .openapi('WebhookSubscriptionCreate');

const CreatedSchema = z
  .object({
    subscription: WebhookSubscriptionSchema,
    secret: z.string().openapi({ description: 'Standard Webhooks signing secret `whsec_…`, shown once.' }),
  })
  .openapi('CreatedWebhookSubscription');

const createWebhookSubscriptionExample = {
  url: 'https://crm.bank.example/doorstep/events',
  eventTypes: ['promise.broken', 'instalment.missed'],
} satisfies z.input<typeof CreateSchema>;

export const route = partnerRoute(['admin'], {
  operationId: 'createWebhookSubscription',
  method: 'post',
  path: '/v1/webhook-subscriptions',
  tags: ['Webhooks'],
  summary: 'Subscribe a URL to events',
  description:
    'HTTPS only, and never an address inside a network. Deliveries are signed with the returned secret.',
  request: {
    body: {
      content: { 'application/json': { schema: CreateSchema, example: createWebhookSubscriptionExample } },
      required: true,
    },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: CreatedSchema } } },
    ...problems(409),
  },
});

export function registerCreateWebhookSubscription(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const target = checkWebhookTarget(body.url, c.env.DOORSTEP_MODE);
    if (!target.ok)
      throw new ApiError('REQUEST.INVALID', 'This URL may not receive webhooks.', {
        errors: [{ path: '/url', in: 'body', message: target.reason, code: target.reason }],
      });
    const { db, ports } = c.var.services;
    const secret = newWebhookSecret();
    const row = {
      id: ports.newId('whs'),
      tenantId: c.var.auth.tenantId,
      url: target.url.toString(),
      eventTypes: body.eventTypes,
      secret,
      active: true,
      createdAt: ports.now(),
    };
    await audited(
      c,
      {
        action: 'webhook-subscription.created',
        subjectType: 'webhook_subscription',
        subjectId: row.id,
        data: { url: row.url },
      },
      [db.insert(webhookSubscriptions).values(row)],
    );
    c.header('Location', `/v1/webhook-subscriptions/${row.id}`);
    return c.json({ subscription: subscriptionBody(row), secret }, 201);
  });
}
