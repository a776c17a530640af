import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { auditStatement } from '../../repositories/audit';
import { redeliverWebhook } from '../../webhooks/redeliver';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';

export const route = partnerRoute(['admin', 'supervisor'], {
  operationId: 'redeliverWebhook',
  method: 'post',
  path: '/v1/webhook-deliveries/{deliveryId}/redeliver',
  tags: ['Webhooks'],
  summary: 'Redeliver a webhook',
  description:
    'Queues one more attempt of a delivered or failed delivery, signed anew with the same `webhook-id`. ' +
    'A delivery still pending is on its own retry schedule (409).',
  request: { params: idParam('deliveryId', 'whd') },
  responses: {
    202: {
      description: 'Queued',
      content: {
        'application/json': {
          schema: z
            .object({ deliveryId: z.string(), status: z.literal('pending') })
            .openapi('WebhookRedelivery'),
        },
      },
    },
    ...problems(404, 409),
  },
});

export function registerRedeliverWebhook(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { deliveryId } = c.req.valid('param');
    const { d1, ports } = c.var.services;
    const tenantId = c.var.auth.tenantId;
    // Audited only if the delivery was reopened: a refused redelivery changed nothing.
    const audit = auditStatement(
      c,
      { action: 'webhook-delivery.redelivered', subjectType: 'webhook_delivery', subjectId: deliveryId },
      sql`changes() = 1`,
    );
    const queued = await redeliverWebhook(d1, c.env.JOBS, { tenantId, deliveryId, now: ports.now() }, [
      audit,
    ]);
    if (queued === null) {
      const existing = await d1
        .prepare(`SELECT status FROM webhook_deliveries WHERE id = ? AND tenant_id = ?`)
        .bind(deliveryId, tenantId)
        .first<{ status: string }>();
      if (existing === null) throw new ApiError('RESOURCE.NOT_FOUND', 'No such webhook delivery.');
      // What compliance barred stays barred: a suppressed event is never replayed.
      if (existing.status === 'suppressed')
        throw new ApiError('RESOURCE.CONFLICT', 'Compliance suppressed this delivery; it is not sent again.');
      throw new ApiError('RESOURCE.CONFLICT', 'The delivery is still pending on its retry schedule.');
    }
    return c.json({ deliveryId: queued.deliveryId, status: 'pending' as const }, 202);
  });
}
