import type { z } from 'zod';

/** JSON Schema extension listing the rules of a schema that JSON Schema itself cannot state. */
export const RULES_EXTENSION = 'x-doorstep-rules';

/**
 * A refinement JSON Schema cannot express (an order between two fields, one field needed when another
 * has a value, membership in the IANA zone database), published with the schema under
 * `x-doorstep-rules` by its message. Readers of the OpenAPI document see every rule the validation
 * applies, and the document-strictness test accepts a refusal only when its rule is published.
 *
 * @example
 * const Window = withRule(z.object({ start, end }), 'start must be before end', (w) => w.start < w.end, ['end']);
 */
export function withRule<T extends z.ZodType>(
  schema: T,
  message: string,
  check: (value: z.output<T>) => boolean,
  path?: PropertyKey[],
): T {
  const meta = schema.meta() ?? {};
  const rules = (meta[RULES_EXTENSION] as string[] | undefined) ?? [];
  return schema
    .refine(check, { message, ...(path ? { path } : {}) })
    .meta({ ...meta, [RULES_EXTENSION]: [...rules, message] }) as T;
}
