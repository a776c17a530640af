import { RefSchema } from '@doorstep/intake';
import { z } from '@hono/zod-openapi';

/** One batch lookup reads at most this many refs: a nightly reconciliation of 1,000 is ten calls. */
export const MAX_LOOKUP_REFS = 100;

/** A core-banking reference, as intake accepts it. */
export { RefSchema };

/**
 * A path parameter carrying a core-banking reference. A ref containing `/` is sent percent-encoded
 * (`%2F`), as any path segment.
 */
export const refParam = <const N extends string>(name: N) =>
  z.object({
    [name]: RefSchema.openapi({ param: { name, in: 'path' }, example: 'C-000123' }),
  } as Record<N, typeof RefSchema>);

export const LookupBodySchema = z
  .object({
    refs: z
      .array(RefSchema)
      .min(1)
      .max(MAX_LOOKUP_REFS)
      .openapi({ description: `1–${MAX_LOOKUP_REFS} core-banking references; repeats are answered once.` }),
  })
  .openapi('RefLookup');

/** The answer to a batch lookup: what was found, in the order asked, and the refs that were not. */
export function lookupAnswerOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      missing: z.array(z.string()).openapi({
        description: 'Refs with no record in this tenant, or none the key may see, in the order asked.',
      }),
    })
    .openapi(name);
}

/**
 * Answers a batch lookup from the rows found: items in the order of the refs asked (each once), and
 * the refs that found nothing.
 */
export function answerLookup<R, B>(
  refs: readonly string[],
  rows: readonly R[],
  refOf: (row: R) => string,
  body: (row: R) => B,
): { items: B[]; missing: string[] } {
  const byRef = new Map(rows.map((row) => [refOf(row), row]));
  const items: B[] = [];
  const missing: string[] = [];
  for (const ref of new Set(refs)) {
    const row = byRef.get(ref);
    if (row === undefined) missing.push(ref);
    else items.push(body(row));
  }
  return { items, missing };
}
