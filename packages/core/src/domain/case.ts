import { z } from 'zod';
import { AccountIdSchema, CaseIdSchema, CustomerIdSchema } from '../ids/ids';
import { InstantSchema } from '../time/schemas';

export const CASE_STATUSES = [
  'open',
  'screened',
  'planned',
  'visited',
  'in_follow_up',
  'cured',
  'closed',
  'escalated',
] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** One delinquency episode of one account: opened when it goes overdue, ended by cure or closure. */
export const CaseSchema = z.object({
  id: CaseIdSchema,
  customerId: CustomerIdSchema,
  accountId: AccountIdSchema,
  status: CaseStatusSchema,
  openedAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Case = z.infer<typeof CaseSchema>;

export const CaseEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('screened_eligible'), at: InstantSchema }),
  z.object({ type: z.literal('screened_ineligible'), at: InstantSchema }),
  z.object({ type: z.literal('visit_planned'), at: InstantSchema }),
  z.object({ type: z.literal('visit_cancelled'), at: InstantSchema }),
  z.object({ type: z.literal('visit_completed'), at: InstantSchema }),
  z.object({ type: z.literal('follow_up_started'), at: InstantSchema }),
  z.object({ type: z.literal('plan_broken'), at: InstantSchema }),
  z.object({ type: z.literal('paid_in_full'), at: InstantSchema }),
  z.object({ type: z.literal('escalated'), at: InstantSchema }),
  z.object({ type: z.literal('closed'), at: InstantSchema }),
]);
export type CaseEvent = z.infer<typeof CaseEventSchema>;
export type CaseEventType = CaseEvent['type'];
