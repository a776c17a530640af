import { boundedCache } from './bounded-cache';
import { addDays } from './calendar';
import type { Instant, Interval, LocalTime } from './schemas';
import { localDateAt, toInstant, zonedToInstant } from './zoned';

/**
 * Sets of UTC intervals, kept sorted and disjoint. Compliance packs express "allowed time" with
 * them and the engine combines packs by intersection.
 */

type Span = { start: number; end: number };

const toSpans = (intervals: readonly Interval[]): Span[] =>
  intervals
    .map((i) => ({ start: Date.parse(i.start), end: Date.parse(i.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);

const toIntervals = (spans: readonly Span[]): Interval[] =>
  spans.map((s) => ({ start: toInstant(s.start), end: toInstant(s.end) }));

/** Merges overlapping or touching intervals into a sorted, disjoint list. */
export const normalizeIntervals = (intervals: readonly Interval[]): Interval[] => {
  const merged: Span[] = [];
  for (const span of toSpans(intervals)) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return toIntervals(merged);
};

/** The instants allowed by both lists. */
export const intersectIntervals = (a: readonly Interval[], b: readonly Interval[]): Interval[] => {
  const left = toSpans(normalizeIntervals(a));
  const right = toSpans(normalizeIntervals(b));
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const l = left[i]!;
    const r = right[j]!;
    const start = Math.max(l.start, r.start);
    const end = Math.min(l.end, r.end);
    if (end > start) out.push({ start, end });
    if (l.end < r.end) i++;
    else j++;
  }
  return toIntervals(out);
};

/** The instants of `from` not covered by `remove`. */
export const subtractIntervals = (from: readonly Interval[], remove: readonly Interval[]): Interval[] => {
  const cuts = toSpans(normalizeIntervals(remove));
  const out: Span[] = [];
  for (const span of toSpans(normalizeIntervals(from))) {
    let cursor = span.start;
    for (const cut of cuts) {
      if (cut.end <= cursor || cut.start >= span.end) continue;
      if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
    }
    if (cursor < span.end) out.push({ start: cursor, end: span.end });
  }
  return toIntervals(out);
};

/**
 * The parts of `interval` that fall between `from` and `to` on the local wall clock of `zone`,
 * day by day, DST-correct — e.g. "08:00–21:00 at the consumer's location" for Reg F. A `to` at
 * or before `from` runs past midnight into the next local day ("22:00–08:00").
 */
export const dailyLocalWindows = (
  interval: Interval,
  zone: string,
  window: { from: LocalTime; to: LocalTime },
): Interval[] => [
  ...windowsCache(`${zone} ${window.from} ${window.to} ${interval.start} ${interval.end}`, () =>
    Object.freeze(computeDailyWindows(interval, zone, window).map((w) => Object.freeze(w))),
  ),
];

// Every case of a screening batch asks about the same horizon; compute each distinct one once.
const windowsCache = boundedCache<readonly Interval[]>(2_000);

const computeDailyWindows = (
  interval: Interval,
  zone: string,
  window: { from: LocalTime; to: LocalTime },
): Interval[] => {
  const end = Date.parse(interval.end);
  const windows: Interval[] = [];
  // Start one day early so a window that began yesterday (local) but is still open is included.
  let day = addDays(localDateAt(interval.start, zone), -1);
  for (;;) {
    const start = zonedToInstant(day, window.from, zone);
    if (Date.parse(start) >= end) break;
    const endDay = window.to <= window.from ? addDays(day, 1) : day;
    windows.push({ start, end: zonedToInstant(endDay, window.to, zone) });
    day = addDays(day, 1);
  }
  return intersectIntervals(windows, [interval]);
};

/** Local dates (in `zone`) touched by an interval, for holiday checks. */
export const localDatesIn = (interval: Interval, zone: string): string[] => {
  const last = localDateAt(interval.end, zone);
  const dates: string[] = [];
  for (let d = localDateAt(interval.start, zone); d <= last; d = addDays(d, 1)) dates.push(d);
  return dates;
};

export const instantIsWithin = (at: Instant, intervals: readonly Interval[]): boolean => {
  const t = Date.parse(at);
  return intervals.some((i) => Date.parse(i.start) <= t && t < Date.parse(i.end));
};
