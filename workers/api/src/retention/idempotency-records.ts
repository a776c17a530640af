import { DURATION } from '@doorstep/core';

/**
 * How long a POST's stored answer can be replayed under its `Idempotency-Key`. A field app may retry work
 * queued while offline for days; beyond a week the record is only a copy of an answer (often with personal
 * data in it) that nobody will ask for again.
 */
export const IDEMPOTENCY_REPLAY_MS = 7 * DURATION.DAY;

/**
 * Records deleted per tenant per day, oldest first: a bank visiting 2,000,000 times a year makes about
 * 15,000 POSTs a day, so a day's run clears more than a day's records and a backlog shrinks by ~35,000 a
 * day; one indexed DELETE stays short.
 */
const RECORDS_PER_DAY = 50_000;

/** The daily run's statement forgetting a tenant's idempotency records older than the replay window. */
export function forgetExpiredIdempotencyRecords(d1: D1Database, tenantId: string, now: number) {
  return d1
    .prepare(
      `DELETE FROM idempotency_keys WHERE rowid IN (
         SELECT rowid FROM idempotency_keys WHERE tenant_id = ?1 AND created_at < ?2
         ORDER BY created_at LIMIT ?3)`,
    )
    .bind(tenantId, now - IDEMPOTENCY_REPLAY_MS, RECORDS_PER_DAY);
}
