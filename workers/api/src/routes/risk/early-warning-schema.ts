import { z } from '@hono/zod-openapi';

export const RiskReasonSchema = z
  .object({
    code: z.string().openapi({ example: 'risk.delay' }),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    message: z.string().openapi({ example: 'Paid 2 months late in September 2026' }),
  })
  .openapi('RiskReason');

export const EarlyWarningSchema = z
  .object({
    customer: z.object({
      id: z.string(),
      externalRef: z.string(),
      name: z.string().openapi({ description: '`***` for analyst keys.' }),
      phone: z.string().nullable().openapi({ description: '`***` for analyst keys.' }),
    }),
    account: z.object({ id: z.string(), externalRef: z.string(), product: z.string() }),
    probability: z.number().openapi({ description: 'Of missing the next payment.', example: 0.62 }),
    band: z.string().openapi({ example: 'high' }),
    action: z.enum(['none', 'reminder', 'call']).openapi({
      description: 'What the policy set chose. Never a visit: visits are for overdue accounts.',
    }),
    reasons: z.array(RiskReasonSchema).openapi({
      description: 'What raised this customer’s risk most, largest first, in words.',
    }),
    actionReasons: z.array(RiskReasonSchema),
    model: z.string().openapi({ example: 'credit-default-gbm@2.0.0' }),
    latestStatement: z.string().openapi({ example: '2026-09' }),
  })
  .openapi('EarlyWarning');

export const EarlyWarningPageSchema = z
  .object({
    scoredOn: z.string().nullable().openapi({
      description: 'The tenant-local day of the scores listed; null before the first daily run completes.',
    }),
    items: z.array(EarlyWarningSchema),
    nextCursor: z.string().nullable(),
  })
  .openapi('EarlyWarningPage');
