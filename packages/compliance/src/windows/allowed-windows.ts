import { type Interval, normalizeIntervals } from '@doorstep/core';
import { DAY_MS, MINUTE_MS, type Span, toInterval, toSpan } from './spans';
import { offsetSegments, wallDate } from './zone';

/** A daily span of local wall-clock time, `HH:MM` to `HH:MM`; `to` before `from` runs past midnight. */
export interface LocalSpan {
  readonly from: string;
  readonly to: string;
}

/**
 * Daily hours, written the way the regulation words them: "08:00–21:00 allowed" and
 * "no visits 22:00–08:00" are both natural, so either form is accepted.
 */
export type DailyHours = { readonly allowed: LocalSpan } | { readonly forbidden: LocalSpan };

export interface WindowsQuery {
  readonly interval: Interval;
  /** IANA zone of the place being visited: the customer's, which need not be the tenant's. */
  readonly zone: string;
  /** Absent when any hour of the day is allowed. */
  readonly hours?: DailyHours | undefined;
  /** Local dates (`YYYY-MM-DD`, in `zone`) on which nothing is allowed. */
  readonly holidays?: readonly string[] | undefined;
}

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since local midnight; throws on anything that is not `HH:MM` within a day. */
export function minutesOfDay(time: string): number {
  const match = LOCAL_TIME.exec(time);
  if (!match) throw new RangeError(`Not a local time HH:MM: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The allowed span of daily hours, whichever way they were written. */
export const allowedSpanOf = (hours: DailyHours): LocalSpan =>
  'allowed' in hours ? hours.allowed : { from: hours.forbidden.to, to: hours.forbidden.from };

/** The allowed parts of one local day, as millisecond offsets from local midnight. */
export function dailyAllowedParts(hours: DailyHours | undefined): Span[] {
  if (!hours) return [{ start: 0, end: DAY_MS }];
  const span = allowedSpanOf(hours);
  const from = minutesOfDay(span.from) * MINUTE_MS;
  const to = minutesOfDay(span.to) * MINUTE_MS;
  if (from === to) throw new RangeError(`Daily hours ${span.from}–${span.to} are empty or the whole day`);
  // A span through midnight is kept as two same-day parts so that a holiday removes exactly its own date.
  return from < to
    ? [{ start: from, end: to }]
    : [
        { start: 0, end: to },
        { start: from, end: DAY_MS },
      ].filter((part) => part.start < part.end);
}

/**
 * The UTC windows of `query.interval` whose local wall-clock time in the zone falls inside the
 * daily hours and on no holiday.
 *
 * Works per stretch of constant UTC offset: within one, local time is UTC shifted by a constant, so
 * a spring-forward gap simply has no instants and a fall-back hour is met (and allowed) twice.
 */
function allowedSpans({ interval, zone, hours, holidays = [] }: WindowsQuery): Span[] {
  const parts = dailyAllowedParts(hours);
  const closed = new Set(holidays);
  const out: Span[] = [];
  for (const segment of offsetSegments(toSpan(interval), zone)) {
    const wallStart = segment.start + segment.offset;
    const wallEnd = segment.end + segment.offset;
    for (let midnight = Math.floor(wallStart / DAY_MS) * DAY_MS; midnight < wallEnd; midnight += DAY_MS) {
      if (closed.has(wallDate(midnight))) continue;
      for (const part of parts) {
        const start = Math.max(midnight + part.start, wallStart);
        const end = Math.min(midnight + part.end, wallEnd);
        if (start < end) out.push({ start: start - segment.offset, end: end - segment.offset });
      }
    }
  }
  return out;
}

/**
 * The allowed UTC windows inside `interval` for a visit at a place in `zone`, DST-correct.
 *
 * @example
 * allowedWindows({
 *   interval: { start: '2026-03-07T05:00:00Z', end: '2026-03-09T04:00:00Z' }, // Sat–Sun, local
 *   zone: 'America/New_York',
 *   hours: { forbidden: { from: '21:00', to: '08:00' } },
 * });
 * // [{ start: '2026-03-07T13:00:00.000Z', end: '2026-03-08T02:00:00.000Z' },  08:00–21:00 EST
 * //  { start: '2026-03-08T12:00:00.000Z', end: '2026-03-09T01:00:00.000Z' }]  08:00–21:00 EDT
 */
export function allowedWindows(query: WindowsQuery): Interval[] {
  return normalizeIntervals(allowedSpans(query).map(toInterval));
}
