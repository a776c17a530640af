import { OUTBOUND_EVENT_TYPES } from '@doorstep/follow-up-engine';
import { z } from '@hono/zod-openapi';
import type { webhookSubscriptions } from '../../db/schema';
import { isoOf } from './schemas';

export const EventTypesSchema = z
  .array(z.enum([...OUTBOUND_EVENT_TYPES, '*']))
  .min(1)
  .max(50)
  .openapi({ description: 'Event types to receive; `*` for all.' });

export const WebhookSubscriptionSchema = z
  .object({
    id: z.string().openapi({ example: 'whs_3kq9w0…' }),
    url: z.string(),
    eventTypes: z.array(z.string()),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('WebhookSubscription');

export function subscriptionBody(
  row: typeof webhookSubscriptions.$inferSelect,
): z.infer<typeof WebhookSubscriptionSchema> {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes as string[],
    active: row.active,
    createdAt: isoOf(row.createdAt),
  };
}
