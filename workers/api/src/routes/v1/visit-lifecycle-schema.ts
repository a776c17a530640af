import { freeText, VISIT_CANCEL_REASONS, VisitCancelReasonSchema, withRule } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { VisitWindowSchema } from './visit-window';

const Note = freeText({ min: 1, max: 500, trim: true });

export const CancelVisitSchema = withRule(
  z.object({
    reason: VisitCancelReasonSchema.openapi({
      description: `From the catalogue: ${Object.entries(VISIT_CANCEL_REASONS)
        .map(([code, meaning]) => `\`${code}\` (${meaning})`)
        .join('; ')}.`,
    }),
    customerNotified: z.boolean().openapi({ description: 'Whether the customer has been told.' }),
    note: Note.nullable()
      .default(null)
      .openapi({ description: 'What the reason leaves out; needed with `other`.' }),
  }),
  'A cancellation for another reason says which in `note`.',
  (body) => body.reason !== 'other' || body.note !== null,
  ['note'],
).openapi('VisitCancellation');

export const RescheduleVisitSchema = z
  .object({
    window: VisitWindowSchema,
    note: Note.nullable().default(null).openapi({ description: 'Why, for the audit trail and the event.' }),
  })
  .openapi('VisitReschedule');

export const ReassignVisitSchema = z
  .object({
    agentIds: withRule(
      z.array(z.string().min(5).max(64)).min(1).max(4),
      'An agent is named twice.',
      (ids) => new Set(ids).size === ids.length,
    ).openapi({ description: 'The new team; the first leads.' }),
    note: Note.nullable().default(null).openapi({ description: 'Why, for the audit trail and the event.' }),
  })
  .openapi('VisitReassignment');
