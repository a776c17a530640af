import { type Interval, scheduledInstantSchema } from '@doorstep/core';
import type { z } from 'zod';
import { ApiError, type FieldError } from './error-codes';

/** A value already shaped by the request schema, checked again by a rule that needs the tenant or the clock. */
export interface FieldCheck {
  /** JSON Pointer of the field in the body, e.g. `/window/start`. */
  path: string;
  schema: z.ZodType;
  value: unknown;
}

/**
 * Runs rules the static request schema cannot know (the tenant's scheduling window, read after the
 * key is known) and answers 422 naming every field that breaks one, as the schema itself would.
 *
 * @example
 * assertFields([{ path: '/date', schema: scheduledDateSchema(now, zone, window), value: body.date }]);
 */
export function assertFields(
  checks: readonly FieldCheck[],
  detail = 'Some fields are out of range; see `errors`.',
) {
  const errors: FieldError[] = checks.flatMap(({ path, schema, value }) => {
    const result = schema.safeParse(value);
    return result.success
      ? []
      : result.error.issues.map((issue) => ({
          path,
          in: 'body' as const,
          message: issue.message,
          code: issue.code,
        }));
  });
  if (errors.length > 0) throw new ApiError('REQUEST.INVALID', detail, { errors });
}

/**
 * A visit window (`/window/start`, `/window/end` of the body) inside the tenant's scheduling window, as
 * creating a visit and moving one both ask.
 */
export function assertWindowScheduled(
  now: number,
  schedulingWindow: Parameters<typeof scheduledInstantSchema>[1],
  window: Interval,
  detail: string,
) {
  const schema = scheduledInstantSchema(now, schedulingWindow);
  assertFields(
    [
      { path: '/window/start', schema, value: window.start },
      { path: '/window/end', schema, value: window.end },
    ],
    detail,
  );
}
