import type { JobOf } from '../jobs/messages';
import type { RuntimePorts } from '../ports/runtime';
import type { ShardScope } from '../shards/bindings';
import { sweepWebhookDeliveries } from '../webhooks/sweep-deliveries';
import { SWEEP_SQL } from './sweep-sql';
import { defaultTimerTiming, queueDelaySeconds, sendInChunks, type TimerTiming } from './timing';

// SQLite caps bound parameters per statement; 90 ids per guarded UPDATE leaves room for the rest.
const IDS_PER_UPDATE = 90;

type TimerMessage = JobOf<'timer.due'>;

export interface SweepResult {
  /** What was put on the queue, in order; a test drives its consumer from exactly this. */
  timerMessages: { body: TimerMessage; delaySeconds: number }[];
  failedTimers: number;
  deliveryMessages: { body: JobOf<'webhook.deliver'>; delaySeconds: number }[];
}

/**
 * One cron tick on one shard: moves timers due within the horizon (and timers whose lease expired) to `enqueued`
 * and sends one delayed `timer.due` message each; then re-sends due webhook deliveries.
 *
 * The state change comes first, as a guarded UPDATE that only a still-pending (or still-expired) row
 * passes, and it sets a lease: if the send is then lost, the row's lease runs out and a later sweep
 * sends it again. Two overlapping sweeps cannot both win a row, so neither doubles its message.
 * Timers claimed `maxAttempts` times are given up as `failed` instead.
 */
export async function sweepDueTimers(
  shard: ShardScope,
  ports: RuntimePorts,
  timing: TimerTiming = defaultTimerTiming,
): Promise<SweepResult> {
  const db = shard.d1;
  const now = ports.now();
  const [due, expired] = await db.batch<{ id: string }>([
    db.prepare(SWEEP_SQL.dueTimers).bind(now + timing.horizonMs, timing.batchLimit),
    db.prepare(SWEEP_SQL.expiredTimers).bind(now, timing.batchLimit),
  ]);
  const ids = [...new Set([...(due?.results ?? []), ...(expired?.results ?? [])].map((r) => r.id))];
  const updates: D1PreparedStatement[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_UPDATE) {
    const chunk = ids.slice(i, i + IDS_PER_UPDATE);
    // Numbered from ?4 on: the fixed parameters keep ?1–?3 wherever they appear in the statement.
    const marks = chunk.map((_, j) => `?${j + 4}`).join(',');
    updates.push(
      db
        .prepare(
          `UPDATE follow_up_timers SET state = 'failed', lease_until = NULL, updated_at = ?1
           WHERE id IN (${marks}) AND state IN ('enqueued', 'claimed') AND lease_until <= ?1 AND attempts >= ?2
           RETURNING id`,
        )
        .bind(now, timing.maxAttempts, null, ...chunk),
      db
        .prepare(
          `UPDATE follow_up_timers SET state = 'enqueued', lease_until = max(due_at, ?1) + ?2, updated_at = ?1
           WHERE id IN (${marks})
             AND (state = 'pending' AND due_at <= ?3 OR state IN ('enqueued', 'claimed') AND lease_until <= ?1)
           RETURNING id, tenant_id, due_at`,
        )
        .bind(now, timing.enqueueGraceMs, now + timing.horizonMs, ...chunk),
    );
  }
  const results = updates.length === 0 ? [] : await db.batch(updates);
  let failedTimers = 0;
  const timerMessages: SweepResult['timerMessages'] = [];
  results.forEach((result, i) => {
    if (i % 2 === 0) {
      failedTimers += result.results.length;
      return;
    }
    for (const row of result.results as { id: string; tenant_id: string; due_at: number }[]) {
      timerMessages.push({
        body: { type: 'timer.due', v: 1, tenantId: row.tenant_id, timerId: row.id },
        delaySeconds: queueDelaySeconds(row.due_at, now),
      });
    }
  });
  await sendInChunks(shard.env.JOBS, timerMessages);
  const deliveryMessages = await sweepWebhookDeliveries(shard, now, timing.batchLimit);
  return { timerMessages, failedTimers, deliveryMessages };
}
