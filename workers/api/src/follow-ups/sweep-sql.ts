import { unfenced } from '../shards/fence';

/**
 * The cron's hot reads, kept apart so the benchmark runs exactly these against a million rows.
 * Each is an index range scan: timers on `timers_sweep_idx (state, due_at)` — pending ones due within
 * the horizon, enqueued or claimed ones already due whose lease ran out (a lost message, a crashed
 * consumer), with `lease_until` only a filter on the range — and deliveries on
 * `deliveries_due_idx (status, next_attempt_at)`. Tenants fenced for a move are left for its target.
 */
export const SWEEP_SQL = {
  dueTimers: `SELECT id FROM follow_up_timers WHERE state = 'pending' AND due_at <= ?1 AND ${unfenced()}
    ORDER BY due_at LIMIT ?2`,
  expiredTimers: `SELECT id FROM follow_up_timers
    WHERE state IN ('enqueued', 'claimed') AND due_at <= ?1 AND lease_until <= ?1 AND ${unfenced()} LIMIT ?2`,
  dueDeliveries: `SELECT id FROM webhook_deliveries
    WHERE status = 'pending' AND next_attempt_at <= ?1 AND ${unfenced()} ORDER BY next_attempt_at LIMIT ?2`,
} as const;
