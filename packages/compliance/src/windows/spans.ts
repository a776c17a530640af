import type { Interval } from '@doorstep/core';

/**
 * Half-open UTC spans `[start, end)` in epoch milliseconds. Every window computation runs on these
 * numbers and only the public edges convert to ISO strings, so the algebra stays exact and cheap.
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

export function toSpan(interval: Interval): Span {
  return { start: instantMs(interval.start), end: instantMs(interval.end) };
}

export function toInterval(span: Span): Interval {
  return { start: new Date(span.start).toISOString(), end: new Date(span.end).toISOString() };
}

/** Sorts, drops empty spans and joins overlapping or touching ones, so equal sets compare equal. */
export function normalize(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.start < s.end).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    } else {
      merged.push(span);
    }
  }
  return merged;
}

/** Intersection of two normalized span lists. */
export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** The parts of `within` not covered by `removed` (any order, overlaps allowed). */
export function subtract(within: Span, removed: readonly Span[]): Span[] {
  const out: Span[] = [];
  let cursor = within.start;
  for (const cut of normalize(removed)) {
    if (cut.end <= cursor) continue;
    if (cut.start >= within.end) break;
    if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
    cursor = Math.max(cursor, cut.end);
  }
  if (cursor < within.end) out.push({ start: cursor, end: within.end });
  return out;
}

export function contains(spans: readonly Span[], ms: number): boolean {
  return spans.some((s) => s.start <= ms && ms < s.end);
}

/**
 * Where a rolling count is saturated: the instants `t` at which at least `limit` of `events` lie in
 * `(t - windowMs, t]`. Cool-downs (limit 1), visit caps and contact-frequency presumptions are all
 * this one sweep over the history.
 */
export function saturated(events: readonly number[], windowMs: number, limit: number): Span[] {
  if (limit <= 0) return [{ start: -Infinity, end: Infinity }];
  const steps = events
    .flatMap((at) => [
      { at, delta: 1 },
      { at: at + windowMs, delta: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  const out: Span[] = [];
  let count = 0;
  let openedAt = 0;
  for (const step of steps) {
    const before = count;
    count += step.delta;
    if (before < limit && count >= limit) openedAt = step.at;
    if (before >= limit && count < limit) out.push({ start: openedAt, end: step.at });
  }
  return normalize(out);
}
