import { IntakeEventSchema, MAX_EVENTS_PER_REQUEST } from '@doorstep/intake';
import { z } from '@hono/zod-openapi';
import { TENANT_HEADER } from '../../intake/request';
import { ProblemSchema } from '../v1/schemas';

/** Standard Webhooks headers plus the tenant, on every intake operation (a GET signs an empty body). */
export const SignedHeadersSchema = z.object({
  [TENANT_HEADER]: z
    .string()
    .openapi({ description: 'The tenant id Doorstep gave the bank, e.g. `ten_acme`.' }),
  'webhook-id': z.string().openapi({ description: 'Unique per delivery; a redelivery repeats it.' }),
  'webhook-timestamp': z.string().openapi({ description: 'Unix seconds; accepted within ±5 minutes.' }),
  'webhook-signature': z
    .string()
    .openapi({ description: 'Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>` list.' }),
});

export const EventsBodySchema = z.union([
  IntakeEventSchema,
  z.array(IntakeEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST),
]);

export const EventsAnswerSchema = z
  .object({
    webhookId: z.string(),
    received: z.number().int(),
    results: z.array(
      z.object({
        index: z.number().int(),
        type: z.string(),
        outcome: z.enum(['applied', 'duplicate', 'stale', 'parked']),
      }),
    ),
  })
  .openapi('IntakeEventsAnswer');

export const HeldAnswerSchema = z
  .object({
    webhookId: z.string(),
    received: z.number().int(),
    held: z.literal(true),
  })
  .openapi('IntakeEventsHeld', {
    description:
      'The tenant is moving to another database: the delivery is kept and its events are applied, in arrival order, when the move ends. A redelivery gets this answer until then, the applied answer after.',
  });

export const BatchSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'processing', 'completed', 'failed']).openapi({
      description:
        '`failed` when no chunk could be applied for a day (its errors are with the operators); a redelivery of the file queues what is still pending.',
    }),
    totalLines: z.number().int().openapi({ description: 'Non-empty lines in the file.' }),
    accepted: z.number().int().openapi({ description: 'Lines that passed validation and will be applied.' }),
    applied: z.number().int(),
    rejected: z.number().int(),
    errors: z.array(
      z.object({
        line: z.number().int().openapi({ description: '1-based line number in the file.' }),
        errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string() })),
      }),
    ),
    errorsTruncated: z.boolean(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .openapi('IntakeBatch');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const intakeProblems = {
  400: problem('The body is not valid JSON'),
  401: problem('Missing, invalid or stale signature (`INTAKE.BAD_SIGNATURE`, `INTAKE.STALE_TIMESTAMP`)'),
  413: problem('Body over the limit'),
  415: problem('The body is not in the declared content type (`REQUEST.UNSUPPORTED_MEDIA_TYPE`)'),
  422: problem('Schema violations with every field path, an unknown event type, or a reused webhook-id'),
  503: problem(
    'Too many concurrent writers on the same rows (`INTAKE.BUSY`), or a batch file while the tenant moves to another database (`TENANT.MOVING`); redeliver later (nothing was applied)',
  ),
};
