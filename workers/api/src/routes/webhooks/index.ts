import type { createRouter } from '../../http/app';
import { registerCompleteEducation } from '../follow-ups/complete-education';
import { registerListWebhookDeliveries } from './list-webhook-deliveries';
import { registerRedeliverWebhook } from './redeliver-webhook';

/** Operator endpoints of the follow-up engine: the webhook delivery log, manual redelivery, education completion. */
export function registerFollowUpOperations(app: ReturnType<typeof createRouter>) {
  registerListWebhookDeliveries(app);
  registerRedeliverWebhook(app);
  registerCompleteEducation(app);
}
