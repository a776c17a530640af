import { DURATION } from '@doorstep/core';

/** How long the lines of an applied batch chunk stay: long enough to look into a batch, not for ever. */
export const APPLIED_LINES_KEPT_MS = 30 * DURATION.DAY;

/** Rows deleted per statement, so one day's run stays short however large the backlog; the next day goes on. */
const ROWS_PER_DAY = 5_000;

/**
 * Raw intake that has done its work, as core banking sent it (names, phones, addresses): the lines of
 * a batch chunk applied over a month ago (what they carried is in the tables; the batch keeps its
 * counts and errors), and events parked for a predecessor that has not come since before the pack's
 * retention cutoff. Neither may outlive its use, nor the period the pack keeps records.
 */
export function forgetRawIntake(
  d1: D1Database,
  tenantId: string,
  at: { now: number; cutoff: number },
): D1PreparedStatement[] {
  return [
    d1
      .prepare(
        `DELETE FROM intake_batch_chunks WHERE rowid IN (
           SELECT rowid FROM intake_batch_chunks
           WHERE tenant_id = ?1 AND applied_at IS NOT NULL AND applied_at < ?2 LIMIT ?3)`,
      )
      .bind(tenantId, at.now - APPLIED_LINES_KEPT_MS, ROWS_PER_DAY),
    d1
      .prepare(
        `DELETE FROM intake_parked WHERE rowid IN (
           SELECT rowid FROM intake_parked WHERE tenant_id = ?1 AND parked_at < ?2 LIMIT ?3)`,
      )
      .bind(tenantId, at.cutoff, ROWS_PER_DAY),
  ];
}
