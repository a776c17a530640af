import { boundedInstant, CalendarDateSchema, CalendarInstantSchema, DURATION } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { systemClock } from '../../ports/runtime';

/** The API's one error body (RFC 9457); `code` is the stable field partner apps switch on. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    instance: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string().openapi({ description: 'JSON Pointer to the field, e.g. `/checkIn/lat`.' }),
          in: z.enum(['body', 'query', 'path', 'header']).optional(),
          message: z.string(),
          code: z.string().optional(),
        }),
      )
      .optional(),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

const problemDescriptions = {
  400: 'Malformed JSON or missing `Idempotency-Key`',
  401: 'Missing or invalid API key',
  403: 'The key’s role may not call this operation',
  404: 'No such resource in this tenant (or outside the key’s scope)',
  409: 'Conflict (e.g. the same Idempotency-Key is still in flight)',
  410: 'Gone: erased when the case’s retention ended',
  412: 'If-Match does not match the current version',
  413: 'Body too large',
  415: 'The body is not in the declared content type (`application/json`)',
  422: 'Validation failed; `errors` lists every field path',
  428: 'If-Match is required',
  429: 'Rate limit for this API key exceeded',
  503: 'Not ready yet, retry after `Retry-After` seconds: a report’s rollup is being built (`REPORT.BUILDING`), or the tenant is being moved to another database (`TENANT.MOVING`: reads are served, writes wait)',
} as const;

type ProblemStatus = keyof typeof problemDescriptions;

/** The problem response of one status, for a route that adds it to its own. */
export function problem(status: ProblemStatus) {
  return { description: problemDescriptions[status], content: problemContent };
}

/** Problem responses for the given statuses plus the ones any authenticated request can give. */
export function problems(...statuses: ProblemStatus[]) {
  const all = new Set<ProblemStatus>([400, 401, 403, 413, 422, 429, 503, ...statuses]);
  return Object.fromEntries(
    [...all].map((status) => [status, { description: problemDescriptions[status], content: problemContent }]),
  ) as Record<ProblemStatus, { description: string; content: typeof problemContent }>;
}

export const PageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ description: 'Items per page (1–200).' }),
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ description: 'Opaque `nextCursor` from the previous page; omit for the first page.' }),
});

/** A page of items and the cursor of the next page (null on the last page). */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

/** An instant in the API: ISO-8601 UTC, between 1970 and 2099 (years 0000 and 9999 are typos, not dates). */
export const IsoInstantSchema = CalendarInstantSchema.openapi({ example: '2026-11-03T02:30:00.000Z' });
export const LocalDateSchema = CalendarDateSchema.openapi({ example: '2026-11-03' });

/** A device's or dialer's clock may run a little ahead of ours; more than this is a fact not yet true. */
export const REPORTER_CLOCK_SKEW_MS = 5 * DURATION.MINUTE;

/**
 * When something reported as done happened (a call made, a complaint received): not later than now,
 * give or take {@link REPORTER_CLOCK_SKEW_MS} of the reporter's clock.
 */
export const ReportedInstantSchema = boundedInstant(systemClock, { to: REPORTER_CLOCK_SKEW_MS }).openapi({
  example: '2026-11-03T02:30:00.000Z',
});
/** Unnamed, for nullable request fields: a union with null would report errors at the union, not the field. */
export const MoneyObject = z.object({
  amountMinor: z.number().int(),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export const MoneySchema = MoneyObject.openapi('Money');

export const idParam = <const N extends string>(name: N, prefix: string) =>
  z.object({
    [name]: z
      .string()
      .min(prefix.length + 2)
      .max(64)
      .openapi({ param: { name, in: 'path' }, example: `${prefix}_3kq9w0…` }),
  } as Record<N, z.ZodString>);

/**
 * `schema | null` for a named component. `.nullable()` on a named schema would make the component
 * itself nullable in the OpenAPI document (and every other use of it).
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

/** Epoch milliseconds in D1 → ISO-8601 UTC in the API. */
export const isoOf = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null) => (ms === null ? null : isoOf(ms));
