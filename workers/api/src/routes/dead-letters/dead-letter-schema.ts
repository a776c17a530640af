import { z } from '@hono/zod-openapi';
import type { DeadLetterRow } from '../../repositories/dead-letters';
import { isoOf, isoOrNull } from '../v1/schemas';

export const DeadLetterSchema = z
  .object({
    id: z.string().openapi({ example: 'dlq_3kq9w0…' }),
    queue: z.string().openapi({ example: 'doorstep-jobs-dlq' }),
    messageId: z.string(),
    type: z
      .string()
      .nullable()
      .openapi({ example: 'timer.due', description: 'The job, if the body names one.' }),
    message: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The message body as it was queued: ids of the work, no personal data.' }),
    attempts: z.number().int().openapi({ description: 'Deliveries of the message before it was given up.' }),
    reason: z.string().openapi({ example: 'exhausted retries' }),
    recordedAt: z.string(),
    replayedAt: z.string().nullable(),
  })
  .openapi('DeadLetter');

export function deadLetterBody(row: DeadLetterRow): z.infer<typeof DeadLetterSchema> {
  const parsed: unknown = JSON.parse(row.body);
  // Only a body that names a tenant reaches a caller, and such a body is an object.
  const message = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const type = typeof message.type === 'string' ? message.type : null;
  return {
    id: row.id,
    queue: row.queue,
    messageId: row.messageId,
    type,
    message,
    attempts: row.attempts,
    reason: row.reason,
    recordedAt: isoOf(row.recordedAt),
    // Replaying is the one way a dead letter is resolved.
    replayedAt: isoOrNull(row.resolvedAt),
  };
}
