import { z } from 'zod';
import { CaseIdSchema, PlanIdSchema } from '../ids/ids';
import { CurrencySchema, MinorUnitsSchema } from '../money/money';
import { InstantSchema, LocalDateSchema } from '../time/schemas';

export const InstalmentSchema = z.object({
  sequence: z.number().int().positive(),
  /** The date the customer reads on the plan, in the tenant's zone. */
  dueDate: LocalDateSchema,
  /** When the instalment counts as late, as a UTC instant. */
  dueAt: InstantSchema,
  amountMinor: MinorUnitsSchema.positive(),
});
export type Instalment = z.infer<typeof InstalmentSchema>;

export const RepaymentPlanSchema = z.object({
  id: PlanIdSchema,
  caseId: CaseIdSchema,
  currency: CurrencySchema,
  totalMinor: MinorUnitsSchema.nonnegative(),
  waivedMinor: MinorUnitsSchema.nonnegative(),
  instalments: z.array(InstalmentSchema).min(1),
  /**
   * `superseded`: replaced by a later plan — a proposal before the customer accepted it, or an agreed
   * plan once the customer accepts another (its pending reminders and checks are cancelled then).
   */
  status: z.enum(['proposed', 'agreed', 'broken', 'completed', 'superseded']),
  createdAt: InstantSchema,
});
export type RepaymentPlan = z.infer<typeof RepaymentPlanSchema>;
