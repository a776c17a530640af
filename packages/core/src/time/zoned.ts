import { boundedCache } from './bounded-cache';
import { type DateParts, formatLocalDate, parseLocalDate } from './calendar';
import type { Instant, LocalDate, LocalTime } from './schemas';

/**
 * Local date/time ↔ UTC instant in an IANA zone using only `Intl.DateTimeFormat`, which exists in
 * Node and in workerd alike (no Temporal, no tz database of our own).
 */

export interface LocalDateTime extends DateParts {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a formatter costs far more than using one; zones are few, so keep one per zone.
const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

export const isValidTimeZone = (zone: string): boolean => {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
};

// `en-US` with h23 and a short era formats as `11/28/2026 AD, 22:04:05`; parsing that string is
// several times cheaper than formatToParts, which stays as the fallback should a runtime differ.
const FORMATTED = /^(\d+)\/(\d+)\/(\d+) (AD|BC|A|B), (\d+):(\d+):(\d+)$/;

const fromParts = (formatter: Intl.DateTimeFormat, epochMs: number): LocalDateTime => {
  const parts: LocalDateTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of formatter.formatToParts(epochMs)) {
    switch (part.type) {
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
        parts[part.type] = Number(part.value);
        break;
      case 'era':
        bc = part.value === 'BC' || part.value === 'B';
        break;
    }
  }
  if (bc) parts.year = 1 - parts.year;
  return parts;
};

const formattedParts = (epochMs: number, zone: string): LocalDateTime => {
  const formatter = formatterFor(zone);
  const m = FORMATTED.exec(formatter.format(epochMs));
  if (m === null) return fromParts(formatter, epochMs);
  const year = Number(m[3]);
  return {
    year: m[4] === 'BC' || m[4] === 'B' ? 1 - year : year,
    month: Number(m[1]),
    day: Number(m[2]),
    hour: Number(m[5]),
    minute: Number(m[6]),
    second: Number(m[7]),
  };
};

const utcOf = (p: LocalDateTime): number => {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, 0);
  return d.getTime();
};

const exactOffset = (epochMs: number, zone: string): number => {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return utcOf(formattedParts(wholeSecond, zone)) - wholeSecond;
};

const HOUR_MS = 3_600_000;
// Offset per zone and UTC hour, or NaN for the rare hour that contains a transition.
const hourOffsets = boundedCache<number>(50_000);

/**
 * Offset of `zone` from UTC at an instant, in milliseconds (east positive). ICU formatting costs
 * microseconds, so an hour whose start and end share an offset is remembered: no zone changes its
 * offset twice within one hour.
 */
export const offsetAt = (epochMs: number, zone: string): number => {
  const hour = Math.floor(epochMs / HOUR_MS);
  const offset = hourOffsets(`${zone} ${hour}`, () => {
    const first = exactOffset(hour * HOUR_MS, zone);
    return first === exactOffset(hour * HOUR_MS + HOUR_MS - 1000, zone) ? first : Number.NaN;
  });
  return Number.isNaN(offset) ? exactOffset(epochMs, zone) : offset;
};

/** The wall-clock reading in `zone` at epoch millisecond `epochMs`. */
export const localPartsAt = (epochMs: number, zone: string): LocalDateTime => {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offsetAt(epochMs, zone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
};

const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `zone` reads `local`. Follows Temporal's `compatible`
 * disambiguation: in a DST gap the time moves forward by the gap; in an overlap the earlier
 * instant wins — what a person setting a reminder would expect.
 */
export const localToEpochMs = (local: LocalDateTime, zone: string): number => {
  const asIfUtc = utcOf(local);
  const offsetBefore = offsetAt(asIfUtc - DAY_MS, zone);
  const offsetAfter = offsetAt(asIfUtc + DAY_MS, zone);
  if (offsetBefore === offsetAfter) return asIfUtc - offsetBefore;
  const early = asIfUtc - offsetBefore;
  const late = asIfUtc - offsetAfter;
  const earlyValid = offsetAt(early, zone) === offsetBefore;
  const lateValid = offsetAt(late, zone) === offsetAfter;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  return early;
};

const parseLocalTime = (time: LocalTime): { hour: number; minute: number; second: number } => ({
  hour: Number(time.slice(0, 2)),
  minute: Number(time.slice(3, 5)),
  second: time.length > 5 ? Number(time.slice(6, 8)) : 0,
});

export const toInstant = (epochMs: number): Instant => new Date(epochMs).toISOString();

const zonedCache = boundedCache<Instant>(20_000);

/** `2026-03-08` at `02:30` in `America/New_York` → `2026-03-08T07:30:00.000Z` (03:30 EDT). */
export const zonedToInstant = (date: LocalDate, time: LocalTime, zone: string): Instant =>
  zonedCache(`${zone} ${date}T${time}`, () =>
    toInstant(localToEpochMs({ ...parseLocalDate(date), ...parseLocalTime(time) }, zone)),
  );

/** The local calendar date in `zone` at an instant. */
export const localDateAt = (instant: Instant, zone: string): LocalDate =>
  formatLocalDate(localPartsAt(Date.parse(instant), zone));

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The local date and wall-clock time in `zone` at an instant. */
export const instantToZoned = (instant: Instant, zone: string): { date: LocalDate; time: LocalTime } => {
  const parts = localPartsAt(Date.parse(instant), zone);
  return {
    date: formatLocalDate(parts),
    time: `${pad2(parts.hour)}:${pad2(parts.minute)}:${pad2(parts.second)}`,
  };
};

/** The first instant of a local day (not always 00:00: some zones start DST at midnight). */
export const startOfLocalDay = (date: LocalDate, zone: string): Instant =>
  zonedToInstant(date, '00:00', zone);
