import { z } from 'zod';
import { VisitIdSchema } from '../ids/ids';
import { MoneySchema } from '../money/money';
import { InstantSchema, LocalDateSchema } from '../time/schemas';
import { ChecklistItemCodeSchema } from './dossier';

export const ContactResultSchema = z.enum([
  'customer_met',
  'third_party_only',
  'nobody_home',
  'refused',
  'moved',
]);
export type ContactResult = z.infer<typeof ContactResultSchema>;

export const HardshipReasonSchema = z.enum([
  'job_loss',
  'illness',
  'business_failure',
  'family_event',
  'bereavement',
  'over_indebtedness',
  'disaster',
  /** Gig, seasonal or commission work: money arrives unevenly, so a fixed instalment date can fall in a gap. */
  'irregular_income',
  'other',
]);
export type HardshipReason = z.infer<typeof HardshipReasonSchema>;

const Score1to5 = z.number().int().min(1).max(5);

export const PlanProposalSchema = z.object({
  monthlyAmount: MoneySchema,
  months: z.number().int().positive(),
  firstDueDate: LocalDateSchema,
});

export const VisitOutcomeSchema = z.object({
  visitId: VisitIdSchema,
  recordedAt: InstantSchema,
  contactResult: ContactResultSchema,
  /** What the agent confirmed on the doorstep: identity shown, purpose stated, right party, … */
  identityChecklist: z.array(z.object({ item: ChecklistItemCodeSchema, confirmed: z.boolean() })),
  hardshipReasons: z.array(HardshipReasonSchema),
  /** 还款意愿, 1 (refuses) … 5 (eager); null when the customer was not met. */
  willingness: Score1to5.nullable(),
  /** 还款能力: what the customer says they can pay each month. */
  monthlyAbilityToPay: MoneySchema.nullable(),
  satisfaction: Score1to5.nullable(),
  promiseToPay: z.object({ amount: MoneySchema, dueDate: LocalDateSchema }).nullable(),
  planProposal: PlanProposalSchema.nullable(),
  /** Ids of photos and receipts held elsewhere; the core stores references only. */
  evidenceRefs: z.array(z.string().min(1)),
  notes: z.string(),
});
export type VisitOutcome = z.infer<typeof VisitOutcomeSchema>;
