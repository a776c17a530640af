/** One HTTP attempt's answer: a status code, or `null` with an error name when no answer came. */
export type SendResult = { statusCode: number } | { statusCode: null; error: string };

/**
 * The outbound HTTP port of webhook delivery. Production uses `fetch`; tests pass a recorder, because
 * workerd in tests cannot reach a real server (D1 and Queues stay real).
 */
export type WebhookSender = (request: {
  url: URL;
  headers: Record<string, string>;
  body: string;
}) => Promise<SendResult>;

const TIMEOUT_MS = 10_000;

export const fetchSender: WebhookSender = async ({ url, headers, body }) => {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Doorstep-Webhooks/1' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // The body is never read: a partner's answer is only its status, and an unread body must still be released.
    await response.body?.cancel();
    return { statusCode: response.status };
  } catch (error) {
    return { statusCode: null, error: error instanceof Error ? error.name : 'Error' };
  }
};
