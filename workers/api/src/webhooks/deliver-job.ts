import type { JobHandler } from '../jobs/handlers';

// Placeholder until this capability lands: nothing produces 'webhook.deliver' messages yet.
export const handleWebhookDelivery: JobHandler<'webhook.deliver'> = async () => {
  throw new Error('webhook.deliver is not implemented yet');
};
