import { z } from 'zod';
import { AccountIdSchema, CaseIdSchema, CustomerIdSchema, PlanIdSchema } from '../ids/ids';
import { MoneySchema } from '../money/money';
import { ReasonSchema } from '../reasons/reason';
import { InstantSchema, LocalDateSchema } from '../time/schemas';
import { BucketSchema } from './bucket';

/** The doorstep introduction (友好地介绍自己的身份和来意), item by item, so the agent can tick it off. */
export const ChecklistItemCodeSchema = z.enum([
  'show_staff_id',
  'state_name_and_bank',
  'confirm_right_party',
  'state_purpose',
  'ask_consent_to_enter',
  'no_disclosure_to_third_parties',
  'offer_to_leave_when_asked',
]);
export type ChecklistItemCode = z.infer<typeof ChecklistItemCodeSchema>;

export const ChecklistItemSchema = z.object({ item: ChecklistItemCodeSchema, label: z.string() });
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const DossierSchema = z.object({
  caseId: CaseIdSchema,
  preparedAt: InstantSchema,
  customer: z.object({
    id: CustomerIdSchema,
    name: z.string(),
    addressLines: z.array(z.string()),
    city: z.string(),
    preferredContact: z.string().nullable(),
  }),
  account: z.object({
    id: AccountIdSchema,
    type: z.enum(['loan', 'credit_card']),
    product: z.string(),
  }),
  /**
   * What the customer owes now, as the case says: the amounts core banking last reported less the
   * payments made since, each part with the instant it holds for.
   */
  overdue: z.object({
    asOf: InstantSchema,
    dpd: z.number().int(),
    bucket: BucketSchema,
    total: MoneySchema,
    reported: z
      .object({
        asOf: InstantSchema,
        sequence: z.number().int(),
        total: MoneySchema,
        principal: MoneySchema,
        interest: MoneySchema,
        fees: MoneySchema,
      })
      .nullable(),
    paidSinceReported: z.object({
      total: MoneySchema,
      payments: z.number().int(),
      lastAt: InstantSchema.nullable(),
    }),
  }),
  overdueHistory: z.array(z.object({ asOf: InstantSchema, dpd: z.number().int(), total: MoneySchema })),
  payments: z.array(z.object({ at: InstantSchema, amount: MoneySchema })),
  contacts: z.object({
    /** The counts cover every attempt recorded up to this instant (the dossier's preparation). */
    asOf: InstantSchema,
    attempts: z.number().int(),
    reached: z.number().int(),
    lastAt: InstantSchema.nullable(),
  }),
  household: z.string(),
  /** Hardships seen at earlier visits, as reasons (code, data, message) so they can be counted. */
  likelyDifficulties: z.array(ReasonSchema),
  previousVisits: z.array(
    z.object({ at: InstantSchema, contactResult: z.string(), willingness: z.number().int().nullable() }),
  ),
  promises: z.array(z.object({ dueDate: LocalDateSchema, amount: MoneySchema, status: z.string() })),
  repaymentPlans: z.array(
    z.object({
      id: PlanIdSchema,
      status: z.string(),
      total: MoneySchema,
      waived: MoneySchema,
      instalments: z.number().int(),
      firstDueDate: LocalDateSchema,
      createdAt: InstantSchema,
    }),
  ),
});
export type Dossier = z.infer<typeof DossierSchema>;
