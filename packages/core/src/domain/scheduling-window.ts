import { z } from 'zod';
import { boundedInstant, boundedLocalDate, DURATION } from '../time/bounded';
import { localDateAt, toInstant } from '../time/zoned';

/**
 * How far from now a tenant schedules field work: visit windows and visit plans. A tenant option
 * (`settings.scheduling`), because a bank migrating its visit history needs a longer look back than one
 * planning next week. (How far ahead a customer may promise to pay is a commitment rule of the pack.)
 */
export const SchedulingWindowSchema = z.object({
  /**
   * How long ago a visit window may start or a plan's day may be: an agent syncing this morning's
   * visit in the afternoon, a plan made for a day already under way.
   */
  pastGraceHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 3660)
    .default(24),
  /** How far ahead visits and plans may be set. */
  horizonDays: z.number().int().min(1).max(3660).default(180),
});
export type SchedulingWindow = z.infer<typeof SchedulingWindowSchema>;

export const DEFAULT_SCHEDULING_WINDOW: SchedulingWindow = SchedulingWindowSchema.parse({});

/** An instant of field work (a visit window's start or end) the tenant's window admits at `now`. */
export const scheduledInstantSchema = (now: number, window: SchedulingWindow) =>
  boundedInstant(() => now, {
    from: -window.pastGraceHours * DURATION.HOUR,
    to: window.horizonDays * DURATION.DAY,
  });

/** A local date of field work (a plan's day), "today" read in `zone`. */
export const scheduledDateSchema = (now: number, zone: string, window: SchedulingWindow) =>
  boundedLocalDate(() => localDateAt(toInstant(now), zone), {
    fromDays: -Math.ceil(window.pastGraceHours / 24),
    toDays: window.horizonDays,
  });
