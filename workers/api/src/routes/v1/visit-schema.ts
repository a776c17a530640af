import {
  ChecklistItemCodeSchema,
  ContactResultSchema,
  freeText,
  HardshipReasonSchema,
  VisitPurposeSchema,
} from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { MASK } from '../../auth/roles';
import type { OutcomeRow, VisitRow } from '../../repositories/visits';
import { OverrideInputSchema } from '../compliance/override-schema';
import { IsoInstantSchema, isoOf, LocalDateSchema, MoneyObject, MoneySchema, orNull } from './schemas';

const Score = z.number().int().min(1).max(5);

/** What an agent records at the door; the same schema validates the request and documents it. */
export const OutcomeInputSchema = z
  .object({
    contactResult: ContactResultSchema,
    checklist: z.array(z.object({ item: ChecklistItemCodeSchema, confirmed: z.boolean() })).max(20),
    hardshipReasons: z.array(HardshipReasonSchema).max(10).default([]),
    willingness: Score.nullable().openapi({
      description: '还款意愿, 1 (refuses) … 5 (eager); null when not met.',
    }),
    monthlyAbilityToPay: MoneyObject.nullable().openapi({
      description: '还款能力: what the customer can pay per month.',
    }),
    satisfaction: Score.nullable(),
    promiseToPay: z.object({ amount: MoneySchema, dueDate: LocalDateSchema }).nullable().default(null),
    evidenceRefs: z.array(z.string().min(1).max(200)).max(50).default([]),
    notes: freeText({ max: 4000 }).default(''),
  })
  .openapi('VisitOutcomeInput');

export const OutcomeSchema = z
  .object({
    contactResult: ContactResultSchema,
    checklist: z.array(z.object({ item: z.string(), confirmed: z.boolean() })),
    hardshipReasons: z.array(z.string()),
    willingness: z.number().int().nullable(),
    monthlyAbilityToPay: orNull(MoneySchema),
    satisfaction: z.number().int().nullable(),
    promiseToPay: z.object({ amount: MoneySchema, dueDate: z.string() }).nullable(),
    evidenceRefs: z.array(z.string()),
    notes: z.string().nullable().openapi({ description: 'Masked as `***` for analyst keys.' }),
    recordedAt: z.string(),
  })
  .openapi('VisitOutcome');

export const VisitSchema = z
  .object({
    id: z.string().openapi({ example: 'vis_3kq9w0…' }),
    caseId: z.string(),
    planId: z.string().nullable(),
    purpose: z.string(),
    agentIds: z.array(z.string()),
    leadAgentId: z.string().nullable(),
    window: z.object({ start: z.string(), end: z.string() }).nullable(),
    routeOrder: z.number().int().nullable(),
    status: z.enum(['requested', 'planned', 'checked_in', 'completed', 'cancelled']),
    checkIn: z.object({ at: z.string(), lat: z.number().nullable(), lon: z.number().nullable() }).nullable(),
    outcome: orNull(OutcomeSchema),
    version: z
      .number()
      .int()
      .openapi({ description: 'Also sent as the `ETag`; echo it in `If-Match` to update.' }),
  })
  .openapi('Visit');

export const VisitCreateSchema = z
  .object({
    caseId: z.string().min(6).max(64),
    purpose: VisitPurposeSchema,
    agentIds: z.array(z.string().min(5).max(64)).min(1).max(4),
    window: z
      .object({ start: IsoInstantSchema, end: IsoInstantSchema })
      .refine((w) => Date.parse(w.start) < Date.parse(w.end), {
        message: 'start must be before end',
        path: ['end'],
      }),
    overrides: z.array(OverrideInputSchema).max(5).default([]).openapi({
      description:
        'Overridable vetoes a supervisor lifts for this visit as it is created (e.g. `cooldown` for an urgent visit), each with its reason; recorded as overrides of the new visit.',
    }),
  })
  .openapi('VisitCreate');

export type VisitBody = z.infer<typeof VisitSchema>;

/** `currency` is the case's: an outcome's amounts are always in the currency of the debt. */
export function outcomeBody(
  row: OutcomeRow,
  currency: string,
  masked: boolean,
): z.infer<typeof OutcomeSchema> {
  const promise = row.promise as {
    amount: { amountMinor: number; currency: string };
    dueDate: string;
  } | null;
  return {
    contactResult: row.contactResult as z.infer<typeof ContactResultSchema>,
    checklist: row.checklist as { item: string; confirmed: boolean }[],
    hardshipReasons: row.hardship as string[],
    willingness: row.willingness,
    monthlyAbilityToPay: row.abilityPerMonth === null ? null : { amountMinor: row.abilityPerMonth, currency },
    satisfaction: row.satisfaction,
    promiseToPay: promise,
    // Evidence references name photos and recordings of the customer's home.
    evidenceRefs: masked ? [] : (row.evidence as string[]),
    notes: masked && row.notes !== null ? MASK : row.notes,
    recordedAt: isoOf(row.recordedAt),
  };
}

export function visitBody(
  row: VisitRow,
  outcome: { row: OutcomeRow; currency: string } | null,
  masked: boolean,
): VisitBody {
  return {
    id: row.id,
    caseId: row.caseId,
    planId: row.planId,
    purpose: row.purpose,
    agentIds: row.agentIds as string[],
    leadAgentId: row.leadAgentId,
    window:
      row.windowStart === null || row.windowEnd === null
        ? null
        : { start: isoOf(row.windowStart), end: isoOf(row.windowEnd) },
    routeOrder: row.routeOrder,
    status: row.status,
    checkIn:
      row.checkedInAt === null
        ? null
        : // Where the agent stood is the customer's door: personal data like the address.
          masked
          ? { at: isoOf(row.checkedInAt), lat: null, lon: null }
          : { at: isoOf(row.checkedInAt), lat: row.checkInLat, lon: row.checkInLon },
    outcome: outcome === null ? null : outcomeBody(outcome.row, outcome.currency, masked),
    version: row.version,
  };
}
