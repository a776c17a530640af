import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { partnerRoute } from '../v1/partner-route';
import { isoOrNull, PageQuerySchema, pageOf, problems } from '../v1/schemas';

const DeliverySchema = z
  .object({
    id: z.string().openapi({ example: 'whd_3kq9w0…' }),
    subscriptionId: z.string(),
    eventId: z.string().openapi({ description: 'Sent as `webhook-id`; the same on every attempt.' }),
    eventType: z.string().openapi({ example: 'promise.broken' }),
    status: z.enum(['pending', 'delivered', 'failed', 'suppressed']).openapi({
      description:
        '`suppressed`: compliance barred the event when it was to be sent; `lastError` names the rule.',
    }),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .openapi('WebhookDelivery');

export const route = partnerRoute(['admin', 'supervisor'], {
  operationId: 'listWebhookDeliveries',
  method: 'get',
  path: '/v1/webhook-deliveries',
  tags: ['Webhooks'],
  summary: 'Webhook delivery log',
  description: 'Every outbound delivery attempt record of the tenant, newest first, optionally by status.',
  request: {
    query: PageQuerySchema.extend({
      status: z.enum(['pending', 'delivered', 'failed', 'suppressed']).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Deliveries',
      content: { 'application/json': { schema: pageOf(DeliverySchema, 'WebhookDeliveryPage') } },
    },
    ...problems(),
  },
});

interface Row {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

/** Newest first: the position is the last row's (created_at, id). */
const CursorSchema = z.tuple([z.number().int(), z.string()]);

export function registerListWebhookDeliveries(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor, status } = c.req.valid('query');
    const after = await decodeCursor(c, cursor, CursorSchema);
    // Keyset on (created_at, id) along `deliveries_tenant_idx`: a page costs the same at any depth.
    const rows = await c.var.services.d1
      .prepare(
        `SELECT id, subscription_id, event_id, event_type, status, attempts, next_attempt_at, last_status_code,
                last_error, created_at, delivered_at
         FROM webhook_deliveries
         WHERE tenant_id = ?1 AND (?2 IS NULL OR status = ?2)
           AND (?3 IS NULL OR created_at < ?3 OR (created_at = ?3 AND id < ?4))
         ORDER BY created_at DESC, id DESC LIMIT ?5`,
      )
      .bind(c.var.auth.tenantId, status ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1)
      .all<Row>();
    const page = await paginate(c, rows.results, limit, (row) => [row.created_at, row.id]);
    return c.json(
      {
        items: page.items.map((r) => ({
          id: r.id,
          subscriptionId: r.subscription_id,
          eventId: r.event_id,
          eventType: r.event_type,
          status: r.status,
          attempts: r.attempts,
          nextAttemptAt: isoOrNull(r.next_attempt_at),
          lastStatusCode: r.last_status_code,
          lastError: r.last_error,
          createdAt: new Date(r.created_at).toISOString(),
          deliveredAt: isoOrNull(r.delivered_at),
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
}
