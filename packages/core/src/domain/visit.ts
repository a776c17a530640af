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
