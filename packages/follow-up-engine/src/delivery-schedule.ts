/**
 * When to try a webhook delivery again. After the first attempt the gaps follow the Standard Webhooks
 * guidance (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h): about 27.6 hours from first to last attempt, so
 * a partner that is down for a day still gets every event. The cron ticks every minute, so the short
 * gaps round up to the next tick.
 */
export const DELIVERY_RETRY_GAPS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
] as const;

export const MAX_DELIVERY_ATTEMPTS = DELIVERY_RETRY_GAPS_MS.length + 1;

export type DeliveryVerdict =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: number }
  | { status: 'failed' };

/** A 2xx answer delivers; anything else waits for the next gap until the attempts run out. */
export const afterDeliveryAttempt = (input: {
  attempts: number;
  statusCode: number | null;
  now: number;
}): DeliveryVerdict => {
  if (input.statusCode !== null && input.statusCode >= 200 && input.statusCode < 300)
    return { status: 'delivered' };
  const gap = DELIVERY_RETRY_GAPS_MS[input.attempts - 1];
  if (gap === undefined) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: input.now + gap };
};
