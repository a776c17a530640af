/**
 * Core-banking events delivered as the demo tenant's core banking would: signed per Standard Webhooks
 * with the demo intake secret. For `demo:send-events` and the tour.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { demoTenant } from '../seed/demo-tenant';

/** POSTs `body` (one event or a JSON array) to `${url}/v1/intake/events`, signed; rejects when nothing answers. */
export function sendDemoEvents(url: string, body: string): Promise<Response> {
  const id = `msg_${randomUUID()}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const key = Buffer.from(demoTenant.intakeSecret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return fetch(`${url}/v1/intake/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'Doorstep-Tenant': demoTenant.id,
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,${signature}`,
    },
    body,
  });
}
