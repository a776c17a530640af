import { CONTACT_CHANNELS } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { IsoInstantSchema } from '../v1/schemas';

export const ContactCheckInputSchema = z
  .object({
    customerId: z.string().min(1).max(64).openapi({ example: 'cus_3kq9w0…' }),
    channel: z.enum(CONTACT_CHANNELS),
    at: IsoInstantSchema.openapi({
      description:
        'The proposed moment of contact: from now (5 minutes of clock skew allowed) up to 90 days on.',
    }),
    staffIds: z.array(z.string().min(1).max(64)).max(8).default([]).openapi({
      description: 'Agents who would make the contact; packs with staff rules (CN visits) count them.',
    }),
    purpose: z.enum(['collection', 'supportive']).default('collection').openapi({
      description:
        '`supportive`: a check-in or education contact that asks for no money; allowed during hardship pauses and, within the pack’s limits, for vulnerable customers.',
    }),
  })
  .openapi('ContactCheckInput');

const VetoReasonSchema = z
  .object({
    rule: z.string().openapi({ example: 'contact-hours' }),
    code: z.string().openapi({ example: 'hours.outside-allowed' }),
    data: z.record(z.string(), z.unknown()),
    message: z.string(),
    overridable: z.boolean(),
  })
  .openapi('ComplianceReason');

export const ContactCheckSchema = z
  .object({
    allowed: z.boolean(),
    customerId: z.string(),
    caseId: z.string().openapi({ description: 'The customer’s case the question was judged on.' }),
    channel: z.enum(CONTACT_CHANNELS),
    at: z.string(),
    purpose: z.enum(['collection', 'supportive']),
    reasons: z.array(VetoReasonSchema).openapi({
      description: 'Every rule that refuses the contact at `at`, with its reason; empty when allowed.',
    }),
    nextWindows: z.array(z.object({ start: z.string(), end: z.string() })).openapi({
      description:
        'When the contact is allowed from `at` on, within 14 days, earliest first (at most 5), without anyone overriding a rule; empty while a rule bars it throughout.',
    }),
  })
  .openapi('ContactCheck');
