import { RULES_EXTENSION } from '../schema/documented-rule';
import { addDays, daysBetween } from './calendar';
import { InstantSchema, type LocalDate, LocalDateSchema } from './schemas';

/** The clock port: the current instant, epoch milliseconds (UTC). Validation reads it, never `Date`. */
export type Clock = () => number;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The calendar every instant and date must fall in whatever its own window, so that years 0000 and
 * 9999 never reach storage: nothing Doorstep records happened before 1970 or is planned after 2099.
 */
export const CALENDAR_RANGE = { from: '1970-01-01', to: '2099-12-31' } as const;
const CALENDAR_FLOOR_MS = Date.parse(`${CALENDAR_RANGE.from}T00:00:00Z`);
const CALENDAR_CEILING_MS = Date.parse(`${CALENDAR_RANGE.to}T23:59:59.999Z`);
const CALENDAR_MESSAGE = `Must lie between ${CALENDAR_RANGE.from} and ${CALENDAR_RANGE.to}`;

/** How far from now an instant may lie: offsets in milliseconds, negative into the past. */
export interface InstantWindow {
  from?: number;
  to?: number;
}

/** How far from today a date may lie: offsets in days, negative into the past. */
export interface DateWindow {
  fromDays?: number;
  toDays?: number;
}

const notBefore = (relative: string) => `Must not be before ${relative}`;
const notAfter = (relative: string) => `Must not be after ${relative}`;

/**
 * The window as rules the OpenAPI document publishes (JSON Schema cannot state "now"): each refusal's
 * message is its rule with the exact limit after it in brackets, so a reader can match one to the other.
 */
function windowRules(from: string | undefined, to: string | undefined): { [RULES_EXTENSION]: string[] } {
  return {
    [RULES_EXTENSION]: [
      CALENDAR_MESSAGE,
      ...(from === undefined ? [] : [notBefore(from)]),
      ...(to === undefined ? [] : [notAfter(to)]),
    ],
  };
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** `+5 min` → "5 minutes from now", `-1 day` → "1 day ago", 0 → "now". */
export function relativeToNow(offsetMs: number): string {
  if (offsetMs === 0) return 'now';
  const size = Math.abs(offsetMs);
  const amount =
    size % DAY === 0
      ? plural(size / DAY, 'day')
      : size % HOUR === 0
        ? plural(size / HOUR, 'hour')
        : size % MINUTE === 0
          ? plural(size / MINUTE, 'minute')
          : plural(Math.round(size / 1000), 'second');
  return offsetMs > 0 ? `${amount} from now` : `${amount} ago`;
}

/** A `too_small` / `too_big` issue on a date-like value, its limit in epoch milliseconds. */
function outOfWindow(
  issues: { push(issue: unknown): unknown },
  input: string,
  side: 'below' | 'above',
  limitMs: number,
  message: string,
): void {
  issues.push(
    side === 'below'
      ? { code: 'too_small', origin: 'date', minimum: limitMs, inclusive: true, input, message }
      : { code: 'too_big', origin: 'date', maximum: limitMs, inclusive: true, input, message },
  );
}

/**
 * An ISO-8601 UTC instant inside a window around `clock()`, read when the value is validated — a
 * device's clock, a bank's timestamp or a typed date is bounded, never trusted. Always inside
 * {@link CALENDAR_RANGE} as well. The message names the exact limit, so a client can show it.
 *
 * @example
 * // A reported fact: not in the future beyond 5 minutes of clock skew.
 * const At = boundedInstant(clock, { to: 5 * 60_000 });
 */
export function boundedInstant(clock: Clock, window: InstantWindow = {}) {
  return InstantSchema.check((ctx) => {
    const at = Date.parse(ctx.value);
    if (at < CALENDAR_FLOOR_MS)
      return outOfWindow(ctx.issues, ctx.value, 'below', CALENDAR_FLOOR_MS, CALENDAR_MESSAGE);
    if (at > CALENDAR_CEILING_MS)
      return outOfWindow(ctx.issues, ctx.value, 'above', CALENDAR_CEILING_MS, CALENDAR_MESSAGE);
    if (window.from === undefined && window.to === undefined) return;
    const now = clock();
    if (window.from !== undefined && at < now + window.from) {
      const limit = now + window.from;
      const message = `${notBefore(relativeToNow(window.from))} (${new Date(limit).toISOString()})`;
      return outOfWindow(ctx.issues, ctx.value, 'below', limit, message);
    }
    if (window.to !== undefined && at > now + window.to) {
      const limit = now + window.to;
      const message = `${notAfter(relativeToNow(window.to))} (${new Date(limit).toISOString()})`;
      return outOfWindow(ctx.issues, ctx.value, 'above', limit, message);
    }
  }).meta(
    windowRules(
      window.from === undefined ? undefined : relativeToNow(window.from),
      window.to === undefined ? undefined : relativeToNow(window.to),
    ),
  );
}

const relativeDays = (days: number) =>
  days === 0 ? 'today' : days > 0 ? `${plural(days, 'day')} from today` : `${plural(-days, 'day')} ago`;

const dateMs = (date: LocalDate) => Date.parse(`${date}T00:00:00Z`);

/**
 * A `YYYY-MM-DD` calendar date inside a window of days around `today()` — the caller decides in which
 * zone "today" is read (the tenant's, for a plan day or a promised date). Always inside
 * {@link CALENDAR_RANGE}.
 *
 * @example
 * const PromisedDate = boundedLocalDate(() => localDateAt(toInstant(now), zone), { fromDays: -1, toDays: 180 });
 */
export function boundedLocalDate(today: () => LocalDate, window: DateWindow = {}) {
  return LocalDateSchema.check((ctx) => {
    const date = ctx.value;
    if (date < CALENDAR_RANGE.from)
      return outOfWindow(ctx.issues, date, 'below', CALENDAR_FLOOR_MS, CALENDAR_MESSAGE);
    if (date > CALENDAR_RANGE.to)
      return outOfWindow(ctx.issues, date, 'above', CALENDAR_CEILING_MS, CALENDAR_MESSAGE);
    if (window.fromDays === undefined && window.toDays === undefined) return;
    const current = today();
    if (window.fromDays !== undefined && daysBetween(current, date) < window.fromDays) {
      const limit = addDays(current, window.fromDays);
      const message = `${notBefore(relativeDays(window.fromDays))} (${limit})`;
      return outOfWindow(ctx.issues, date, 'below', dateMs(limit), message);
    }
    if (window.toDays !== undefined && daysBetween(current, date) > window.toDays) {
      const limit = addDays(current, window.toDays);
      const message = `${notAfter(relativeDays(window.toDays))} (${limit})`;
      return outOfWindow(ctx.issues, date, 'above', dateMs(limit), message);
    }
  }).meta(
    windowRules(
      window.fromDays === undefined ? undefined : relativeDays(window.fromDays),
      window.toDays === undefined ? undefined : relativeDays(window.toDays),
    ),
  );
}

/** Any instant inside {@link CALENDAR_RANGE}; with no window, the clock is never read. */
export const CalendarInstantSchema = boundedInstant(() => CALENDAR_FLOOR_MS);

/** Any date inside {@link CALENDAR_RANGE}; with no window, "today" is never read. */
export const CalendarDateSchema = boundedLocalDate(() => CALENDAR_RANGE.from);

export const DURATION = { MINUTE, HOUR, DAY } as const;
