/**
 * The clock settings of durable timers, in one place so the docs, the sweep and the consumer agree.
 * Tests pass their own to drive a simulated clock; production uses `defaultTimerTiming`.
 */
export interface TimerTiming {
  /** How far ahead the sweep enqueues. Short, so that a cancel or a reschedule usually wins the race. */
  horizonMs: number;
  /** After its due instant, how long an enqueued timer waits for its message before the sweep re-sends it. */
  enqueueGraceMs: number;
  /** How long a consumer owns a claimed timer; a crash mid-action is retried after this. */
  claimLeaseMs: number;
  /** Claims after which a timer is given up as `failed` (its messages were dead-lettered by then). */
  maxAttempts: number;
  /** Rows the sweep takes per tick; the cron runs every minute, so a backlog drains over a few ticks. */
  batchLimit: number;
}

export const defaultTimerTiming: TimerTiming = {
  horizonMs: 15 * 60_000,
  enqueueGraceMs: 10 * 60_000,
  claimLeaseMs: 5 * 60_000,
  maxAttempts: 10,
  batchLimit: 2_000,
};

/** Cloudflare Queues accept a delivery delay of at most 12 hours. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 3_600;

/** Queues take at most 100 messages per `sendBatch`. */
export const SEND_BATCH_LIMIT = 100;

export const queueDelaySeconds = (dueAt: number, now: number): number =>
  Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil((dueAt - now) / 1000)));

/** Sends messages in `sendBatch` chunks of at most 100. */
export async function sendInChunks<Body>(
  queue: Queue,
  messages: readonly { body: Body; delaySeconds: number }[],
): Promise<void> {
  for (let i = 0; i < messages.length; i += SEND_BATCH_LIMIT) {
    await queue.sendBatch(messages.slice(i, i + SEND_BATCH_LIMIT));
  }
}
