import { z } from '@hono/zod-openapi';
import type { contactAttempts } from '../../db/schema';
import { isoOf, ReportedInstantSchema } from '../v1/schemas';

export const ContactInputSchema = z
  .object({
    at: ReportedInstantSchema.openapi({
      description: 'When the attempt was made; not in the future (5 minutes of clock skew allowed).',
    }),
    channel: z.enum(['call', 'sms', 'email', 'letter']),
    reached: z.boolean().openapi({
      description:
        'The customer was reached and a conversation took place (not voicemail, not a third party).',
    }),
  })
  .openapi('ContactAttemptInput');

export const ContactSchema = z
  .object({
    id: z.string().openapi({ example: 'cta_3kq9w0…' }),
    caseId: z.string(),
    at: z.string(),
    channel: z.string(),
    reached: z.boolean(),
    recordedByKeyId: z.string(),
    createdAt: z.string(),
  })
  .openapi('ContactAttempt');

export function contactBody(row: typeof contactAttempts.$inferSelect) {
  return {
    id: row.id,
    caseId: row.caseId,
    at: isoOf(row.at),
    channel: row.channel,
    reached: row.reached,
    recordedByKeyId: row.recordedByKeyId,
    createdAt: isoOf(row.createdAt),
  };
}
