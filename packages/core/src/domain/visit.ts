import { z } from 'zod';
import { AgentIdSchema, CaseIdSchema, CustomerIdSchema, VisitIdSchema } from '../ids/ids';
import { InstantSchema, IntervalSchema } from '../time/schemas';
import { DossierSchema } from './dossier';

export const VisitPurposeSchema = z.enum([
  'understand_situation',
  'negotiate_plan',
  'verify_address',
  'deliver_notice',
  'hardship_review',
]);
export type VisitPurpose = z.infer<typeof VisitPurposeSchema>;

/**
 * Why a case's first visit is made: the programme's first visit listens before it negotiates (the
 * article: understand why the customer fell behind, then propose what they can pay). Later visits
 * carry the purpose the follow-up policy gave their request.
 */
export const FIRST_VISIT_PURPOSE: VisitPurpose = 'understand_situation';

/**
 * Why a visit is called off, from a fixed catalogue so that reports can count them: a free-text note
 * may add detail, and `other` needs one.
 */
export const VISIT_CANCEL_REASONS = {
  customer_request: 'The customer asked for the visit to be called off or moved',
  customer_unavailable: 'The customer said they will not be there',
  case_resolved: 'The debt was paid or the case ended before the visit',
  compliance: 'A rule or a new flag forbids the visit',
  agent_unavailable: 'No team can make the visit (illness, vehicle, emergency)',
  safety: 'Going would not be safe (weather, unrest, a dangerous address)',
  duplicate: 'Another visit covers the same customer',
  replanned: 'A re-plan of the day took it off the route',
  other: 'Another reason, given in the note',
} as const;

export const VisitCancelReasonSchema = z.enum(
  Object.keys(VISIT_CANCEL_REASONS) as [
    keyof typeof VISIT_CANCEL_REASONS,
    ...(keyof typeof VISIT_CANCEL_REASONS)[],
  ],
);
export type VisitCancelReason = z.infer<typeof VisitCancelReasonSchema>;

export const VisitStatusSchema = z.enum(['planned', 'checked_in', 'completed', 'cancelled']);
export type VisitStatus = z.infer<typeof VisitStatusSchema>;

export const VisitSchema = z.object({
  id: VisitIdSchema,
  caseId: CaseIdSchema,
  customerId: CustomerIdSchema,
  purpose: VisitPurposeSchema,
  dossier: DossierSchema.nullable(),
  agentIds: z.array(AgentIdSchema).min(1),
  window: IntervalSchema,
  status: VisitStatusSchema,
  checkIn: z.object({ at: InstantSchema, lat: z.number(), lon: z.number() }).nullable(),
});
export type Visit = z.infer<typeof VisitSchema>;
