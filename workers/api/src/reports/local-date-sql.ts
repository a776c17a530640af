import { offsetAt } from '@doorstep/core';

const DAY_MS = 86_400_000;

/** From `fromMs` on (until the next segment), local time is UTC + `offsetMs`. */
export interface OffsetSegment {
  fromMs: number;
  offsetMs: number;
}

/**
 * The zone's UTC offsets over [startMs, endMs] as segments: one per DST period. Offsets are sampled once a
 * day and each change is pinned to the millisecond by bisection, so a 13-month span costs ~400 lookups.
 */
export function offsetSegments(zone: string, startMs: number, endMs: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [{ fromMs: startMs, offsetMs: offsetAt(startMs, zone) }];
  for (let at = startMs; at < endMs; at += DAY_MS) {
    const next = Math.min(at + DAY_MS, endMs);
    const before = segments[segments.length - 1]!.offsetMs;
    const after = offsetAt(next, zone);
    if (after === before) continue;
    let low = at;
    let high = next;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (offsetAt(middle, zone) === before) low = middle;
      else high = middle;
    }
    segments.push({ fromMs: high, offsetMs: after });
  }
  return segments;
}

/**
 * SQL for the tenant's local date (`YYYY-MM-DD`) of an epoch-millisecond column, exact across DST within
 * the segments' span: payments and cures are instants, reports count them by local business date.
 */
export function localDateSql(column: string, segments: readonly OffsetSegment[]): string {
  const offset =
    segments.length === 1
      ? String(segments[0]!.offsetMs)
      : `CASE ${segments
          .slice(1)
          .map((segment, i) => `WHEN ${column} < ${segment.fromMs} THEN ${segments[i]!.offsetMs}`)
          .join(' ')} ELSE ${segments[segments.length - 1]!.offsetMs} END`;
  return `date((${column} + ${offset}) / 1000, 'unixepoch')`;
}
