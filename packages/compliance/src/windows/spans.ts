import { type Interval, toInstant } from '@doorstep/core';

/**
 * A half-open UTC span `[start, end)` in epoch milliseconds: the arithmetic form of an Interval,
 * used where time is computed (offsets, rolling counts) rather than combined.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Parses an ISO instant; a malformed one is a bug upstream (queries are validated at the boundary). */
export function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant: ${iso}`);
  return ms;
}

export const toSpan = (interval: Interval): Span => ({
  start: instantMs(interval.start),
  end: instantMs(interval.end),
});

export const toInterval = (span: Span): Interval => ({
  start: toInstant(span.start),
  end: toInstant(span.end),
});

/**
 * Where a rolling count is saturated: the instants `t` at which at least `limit` of `events` lie in
 * `(t - windowMs, t]`. Cool-downs (limit 1), visit caps and contact-frequency presumptions are all
 * this one sweep over the history. Spans come out sorted and disjoint.
 */
export function saturated(events: readonly number[], windowMs: number, limit: number): Span[] {
  const steps = events
    .flatMap((at) => [
      { at, delta: 1 },
      { at: at + windowMs, delta: -1 },
    ])
    // At one instant an event leaving goes before one arriving, so a hand-over is not a gap.
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  const out: Span[] = [];
  let count = 0;
  let openedAt = 0;
  for (const step of steps) {
    const before = count;
    count += step.delta;
    if (before < limit && count >= limit) openedAt = step.at;
    if (before >= limit && count < limit) {
      const last = out.at(-1);
      if (last && last.end === openedAt) out[out.length - 1] = { start: last.start, end: step.at };
      else if (openedAt < step.at) out.push({ start: openedAt, end: step.at });
    }
  }
  return out;
}
