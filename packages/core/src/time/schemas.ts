import { z } from 'zod';
import { isValidTimeZone } from './zoned';

/** A UTC instant as ISO 8601 with `Z`, e.g. `2026-03-01T09:30:00Z`. */
export const InstantSchema = z.iso.datetime();
export type Instant = z.infer<typeof InstantSchema>;

/** A calendar date with no zone, e.g. a due date as the customer reads it. */
export const LocalDateSchema = z.iso.date();
export type LocalDate = z.infer<typeof LocalDateSchema>;

/** A wall-clock time `HH:mm` or `HH:mm:ss`. */
export const LocalTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'Expected HH:mm or HH:mm:ss');
export type LocalTime = z.infer<typeof LocalTimeSchema>;

export const TimeZoneSchema = z.string().refine(isValidTimeZone, { message: 'Not an IANA time zone' });
export type TimeZone = z.infer<typeof TimeZoneSchema>;

export const IntervalSchema = z
  .object({ start: InstantSchema, end: InstantSchema })
  .refine((i) => Date.parse(i.start) <= Date.parse(i.end), { message: 'start must not be after end' });
export type Interval = { start: Instant; end: Instant };
