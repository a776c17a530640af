import type { createRouter } from '../../http/app';
import { registerListWebhookDeliveries } from './list-webhook-deliveries';
import { registerRedeliverWebhook } from './redeliver-webhook';

/** Operator endpoints of the follow-up engine: the webhook delivery log and manual redelivery. */
export function registerFollowUpOperations(app: ReturnType<typeof createRouter>) {
  registerListWebhookDeliveries(app);
  registerRedeliverWebhook(app);
}
