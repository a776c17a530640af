import { fetchSender, type WebhookSender } from './sender';
import { signWebhook } from './sign';

/** The event type of a test ping: never stored, never subscribed to, sent only when asked. */
export const PING_EVENT_TYPE = 'webhook.test';

export interface PingResult {
  eventId: string;
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends one signed `webhook.test` event to a subscription's URL now, as a real delivery is sent (same
 * headers, same signature over `id.timestamp.body`), and reports what the endpoint answered: a
 * partner checks its URL, TLS and signature verification before real events flow.
 */
export async function sendPing(
  input: { subscriptionId: string; url: URL; secret: string; eventId: string; now: number },
  send: WebhookSender = fetchSender,
): Promise<PingResult> {
  const body = JSON.stringify({
    type: PING_EVENT_TYPE,
    version: 1,
    timestamp: new Date(input.now).toISOString(),
    data: {
      eventId: input.eventId,
      subscriptionId: input.subscriptionId,
      message: 'A test from Doorstep: your endpoint is reachable and can verify our signature.',
    },
  });
  const headers = await signWebhook({
    secret: input.secret,
    id: input.eventId,
    timestampSeconds: Math.floor(input.now / 1000),
    body,
  });
  const started = Date.now();
  const result = await send({ url: input.url, headers, body });
  const durationMs = Date.now() - started;
  return result.statusCode === null
    ? { eventId: input.eventId, delivered: false, statusCode: null, error: result.error, durationMs }
    : {
        eventId: input.eventId,
        delivered: result.statusCode >= 200 && result.statusCode < 300,
        statusCode: result.statusCode,
        error: null,
        durationMs,
      };
}
