import { z } from '@hono/zod-openapi';

/**
 * The request headers the API reads besides the key, as zod schemas: the middleware that enforces a
 * header parses it with the schema the OpenAPI document publishes, so the two say the same thing.
 */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  // Visible ASCII with inner spaces: what survives every HTTP stack unchanged (a UUID fits).
  .regex(/^[!-~](?:[ -~]*[!-~])?$/)
  .openapi({
    param: {
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description:
        'One key per logical operation (e.g. a UUID you persist before sending). A retry with the same key and body gets the first answer again (`Idempotent-Replayed: true`); the same key with another body is 422; a retry while the first is still running is 409. Keys are scoped to your API key.',
    },
    example: '5f0c8a9e-2b7d-4f11-9c3e-8d2a6b1e4f70',
  });

/** A strong ETag as this API issues it: the resource's version in quotes. */
export const IfMatchSchema = z
  .string()
  .regex(/^"\d{1,15}"$/)
  .openapi({
    param: {
      name: 'If-Match',
      in: 'header',
      required: true,
      description:
        'The `ETag` of the resource as you last read it. Missing is 428; a version that is not the current one is 412 (read again and reapply your change).',
    },
    example: '"3"',
  });

/** Names under `#/components/parameters`, registered once by the docs route. */
export const HEADER_PARAMETERS = { IdempotencyKey: IdempotencyKeySchema, IfMatch: IfMatchSchema } as const;

export const parameterRef = (name: keyof typeof HEADER_PARAMETERS) => ({
  $ref: `#/components/parameters/${name}`,
});
