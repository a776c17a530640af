import { z } from '@hono/zod-openapi';
import type { InstalmentRow, PlanRow } from '../../repositories/repayment-plans';
import { DecidedBySchema, decidedByOf } from './decided-by-schema';
import { isoOf, isoOrNull, MoneySchema } from './schemas';

export const RepaymentPlanSchema = z
  .object({
    id: z.string().openapi({ example: 'plan_3kq9w0…' }),
    caseId: z.string(),
    status: z.enum(['proposed', 'accepted', 'completed', 'broken', 'superseded']),
    total: MoneySchema,
    waived: MoneySchema,
    instalments: z.array(
      z.object({
        sequence: z.number().int(),
        dueDate: z.string(),
        dueAt: z.string(),
        amount: MoneySchema,
        status: z.string(),
      }),
    ),
    reasons: z
      .array(z.record(z.string(), z.unknown()))
      .openapi({ description: 'Why this plan: reason codes with data.' }),
    proposedAt: z.string(),
    acceptedAt: z.string().nullable(),
    version: z.number().int(),
    decidedBy: DecidedBySchema.nullable(),
  })
  .openapi('RepaymentPlan');

export function planBody(plan: PlanRow, rows: InstalmentRow[]): z.infer<typeof RepaymentPlanSchema> {
  const money = (amountMinor: number) => ({ amountMinor, currency: plan.currency });
  return {
    id: plan.id,
    caseId: plan.caseId,
    status: plan.status,
    total: money(plan.total),
    waived: money(plan.waived),
    instalments: rows.map((i) => ({
      sequence: i.seq,
      dueDate: i.dueDate,
      dueAt: isoOf(i.dueAt),
      amount: money(i.amount),
      status: i.status,
    })),
    reasons: plan.reasons as Record<string, unknown>[],
    proposedAt: isoOf(plan.proposedAt),
    acceptedAt: isoOrNull(plan.acceptedAt),
    version: plan.version,
    decidedBy: decidedByOf(plan.decidedBy),
  };
}
