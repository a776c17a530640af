/**
 * Retention in calendar years, in UTC: a record made (or a case ended) at an instant may be purged
 * once the same instant that many years later has passed. The packs set `retentionYears`.
 */

const shiftYears = (instant: string, years: number): string => {
  const shifted = new Date(instant);
  shifted.setUTCFullYear(shifted.getUTCFullYear() + years);
  return shifted.toISOString();
};

/** The earliest instant a collection record made at `recordedAt` may be purged (option `retentionYears`). */
export function retainUntil(recordedAt: string, retentionYears: number): string {
  return shiftYears(recordedAt, retentionYears);
}

/**
 * The latest end of a case whose retention is over at `now`: a case that ended at or before it may
 * have its personal data erased. The inverse of `retainUntil` (29 February falls on 1 March).
 *
 * @example
 * retentionCutoff('2026-12-05T00:00:00.000Z', 2); // '2024-12-05T00:00:00.000Z'
 */
export function retentionCutoff(now: string, retentionYears: number): string {
  return shiftYears(now, -retentionYears);
}
