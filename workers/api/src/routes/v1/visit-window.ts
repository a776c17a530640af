import { withRule } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { IsoInstantSchema } from './schemas';

/** A visit happens within a day; a longer window is a mistake (and would make every day-by-day rule walk it). */
export const MAX_VISIT_WINDOW_HOURS = 24;

/** When a visit is expected: a start before its end, at most a day apart. */
export const VisitWindowSchema = withRule(
  withRule(
    z.object({ start: IsoInstantSchema, end: IsoInstantSchema }),
    'start must be before end',
    (w) => Date.parse(w.start) < Date.parse(w.end),
    ['end'],
  ),
  `A visit window spans at most ${MAX_VISIT_WINDOW_HOURS} hours`,
  (w) => Date.parse(w.end) - Date.parse(w.start) <= MAX_VISIT_WINDOW_HOURS * 3_600_000,
  ['end'],
);
