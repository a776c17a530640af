import { COMMITMENT_CHANNELS } from '@doorstep/compliance';
import { ChecklistItemCodeSchema } from '@doorstep/core';
import { z } from '@hono/zod-openapi';

/** What the agent confirmed before the customer committed (the doorstep introduction, item by item). */
export const ChecklistInputSchema = z
  .array(z.object({ item: ChecklistItemCodeSchema, confirmed: z.boolean() }))
  .max(20)
  .openapi({
    description:
      'The introduction the agent confirmed. A promise or a plan needs the pack’s `commitments.checklist` (default: show_staff_id, state_name_and_bank, confirm_right_party, state_purpose; the doorstep-only items are not asked of remote channels) and always `confirm_right_party`.',
  });

/** How a commitment reached us: at the door, or remotely. */
export const CommitmentChannelSchema = z.enum(COMMITMENT_CHANNELS);

/** The JSON pointers of a commitment's fields when they sit at the top of the body. */
export const TOP_LEVEL_PATHS = {
  contactResult: '/contactResult',
  checklist: '/checklist',
  dueDate: '/dueDate',
  amount: '/amount/amountMinor',
} as const;
