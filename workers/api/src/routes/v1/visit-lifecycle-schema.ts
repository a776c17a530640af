import { freeText, VISIT_CANCEL_REASONS, VisitCancelReasonSchema } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { IsoInstantSchema } from './schemas';

const Note = freeText({ min: 1, max: 500, trim: true });

export const CancelVisitSchema = z
  .object({
    reason: VisitCancelReasonSchema.openapi({
      description: `From the catalogue: ${Object.entries(VISIT_CANCEL_REASONS)
        .map(([code, meaning]) => `\`${code}\` (${meaning})`)
        .join('; ')}.`,
    }),
    customerNotified: z.boolean().openapi({ description: 'Whether the customer has been told.' }),
    note: Note.nullable()
      .default(null)
      .openapi({ description: 'What the reason leaves out; needed with `other`.' }),
  })
  .refine((body) => body.reason !== 'other' || body.note !== null, {
    message: 'A cancellation for another reason says which in `note`.',
    path: ['note'],
  })
  .openapi('VisitCancellation');

export const RescheduleVisitSchema = z
  .object({
    window: z
      .object({ start: IsoInstantSchema, end: IsoInstantSchema })
      .refine((w) => Date.parse(w.start) < Date.parse(w.end), {
        message: 'start must be before end',
        path: ['end'],
      }),
    note: Note.nullable().default(null).openapi({ description: 'Why, for the audit trail and the event.' }),
  })
  .openapi('VisitReschedule');

export const ReassignVisitSchema = z
  .object({
    agentIds: z
      .array(z.string().min(5).max(64))
      .min(1)
      .max(4)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'An agent is named twice.' })
      .openapi({ description: 'The new team; the first leads.' }),
    note: Note.nullable().default(null).openapi({ description: 'Why, for the audit trail and the event.' }),
  })
  .openapi('VisitReassignment');
