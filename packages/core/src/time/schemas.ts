import { z } from 'zod';
import { withRule } from '../schema/documented-rule';
import { isValidTimeZone } from './zoned';

/**
 * What `z.iso.datetime()` accepts, as a JSON Schema pattern: the `date-time` format alone also allows
 * offsets, lower-case `t`/`z` and leap seconds, which the validation refuses.
 */
export const UTC_INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?Z$';

/** A UTC instant as ISO 8601 with `Z`, e.g. `2026-03-01T09:30:00Z`. */
export const InstantSchema = z.iso.datetime().meta({ pattern: UTC_INSTANT_PATTERN });
export type Instant = z.infer<typeof InstantSchema>;

/** A calendar date with no zone, e.g. a due date as the customer reads it. */
export const LocalDateSchema = z.iso.date();
export type LocalDate = z.infer<typeof LocalDateSchema>;

/** A wall-clock time `HH:mm` or `HH:mm:ss`. */
export const LocalTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'Expected HH:mm or HH:mm:ss');
export type LocalTime = z.infer<typeof LocalTimeSchema>;

export const TimeZoneSchema = withRule(z.string(), 'Not an IANA time zone', isValidTimeZone);
export type TimeZone = z.infer<typeof TimeZoneSchema>;

export const IntervalSchema = withRule(
  z.object({ start: InstantSchema, end: InstantSchema }),
  'start must not be after end',
  (i) => Date.parse(i.start) <= Date.parse(i.end),
);
export type Interval = { start: Instant; end: Instant };
