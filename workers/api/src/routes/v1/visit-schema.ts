import {
  ContactResultSchema,
  freeText,
  HardshipReasonSchema,
  type VisitCancelReason,
  VisitCancelReasonSchema,
  VisitPurposeSchema,
} from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { MASK } from '../../auth/roles';
import { evidenceOf } from '../../repositories/evidence';
import type { OutcomeRow, VisitRow } from '../../repositories/visits';
import { OverrideInputSchema } from '../compliance/override-schema';
import { ChecklistInputSchema } from './commitment-schema';
import { isoOf, isoOrNull, LocalDateSchema, MoneyObject, MoneySchema, orNull } from './schemas';
import { VisitWindowSchema } from './visit-window';

const Score = z.number().int().min(1).max(5);

const ReasonBodySchema = z.object({
  code: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  message: z.string(),
});

/** What an agent records at the door; the same schema validates the request and documents it. */
export const OutcomeInputSchema = z
  .object({
    contactResult: ContactResultSchema,
    checklist: ChecklistInputSchema,
    hardshipReasons: z.array(HardshipReasonSchema).max(10).default([]),
    willingness: Score.nullable().openapi({
      description: '还款意愿, 1 (refuses) … 5 (eager); null when not met.',
    }),
    monthlyAbilityToPay: MoneyObject.nullable().openapi({
      description: '还款能力: what the customer can pay per month.',
    }),
    satisfaction: Score.nullable(),
    promiseToPay: z.object({ amount: MoneySchema, dueDate: LocalDateSchema }).nullable().default(null),
    evidenceIds: z.array(z.string().min(6).max(64)).max(50).default([]).openapi({
      description:
        'Stored evidence of this visit (`POST /v1/visits/{visitId}/evidence`, then `PUT` its bytes), by id.',
    }),
    evidenceRefs: z
      .array(z.string())
      .max(
        0,
        'Free-text evidence references are no longer taken: store the file and send its id in `evidenceIds`',
      )
      .optional()
      .openapi({
        deprecated: true,
        description: 'Replaced by `evidenceIds`; only an empty list is accepted.',
      }),
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
    evidenceIds: z.array(z.string()).openapi({
      description: 'Stored evidence cited by the outcome; empty for analyst and agency keys.',
    }),
    evidenceRefs: z.array(z.string()).openapi({
      deprecated: true,
      description:
        'Free-text references of outcomes recorded before evidence was stored in R2, kept as they were; empty for analyst and agency keys.',
    }),
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
    checkIn: z
      .object({
        at: z.string().openapi({ description: 'The device’s clock at arrival.' }),
        receivedAt: z.string().nullable().openapi({
          description: 'The server’s clock when the check-in arrived (null before this was kept).',
        }),
        lat: z.number().nullable(),
        lon: z.number().nullable(),
        distanceMeters: z.number().int().nullable().openapi({
          description:
            'Metres from the customer’s geocoded address; null when the address has no coordinates.',
        }),
        flags: z.array(ReasonBodySchema).openapi({
          description:
            'What the check-in rules flagged, e.g. `location.far` with the distance and the radius.',
        }),
      })
      .nullable(),
    outcome: orNull(OutcomeSchema),
    cancellation: z
      .object({
        reason: VisitCancelReasonSchema,
        note: z.string().nullable(),
        customerNotified: z.boolean(),
        at: z.string(),
      })
      .nullable()
      .openapi({ description: 'Why and when it was called off, and whether the customer was told.' }),
    preparedAt: z.string().nullable().openapi({
      description:
        'When the plan’s preparation stored the dossier the agents read (`GET /v1/cases/{caseId}/dossier` builds a fresh one) and set the suggested purpose.',
    }),
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
    window: VisitWindowSchema,
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
  const cited = evidenceOf(row.evidence);
  return {
    contactResult: row.contactResult as z.infer<typeof ContactResultSchema>,
    checklist: row.checklist as { item: string; confirmed: boolean }[],
    hardshipReasons: row.hardship as string[],
    willingness: row.willingness,
    monthlyAbilityToPay: row.abilityPerMonth === null ? null : { amountMinor: row.abilityPerMonth, currency },
    satisfaction: row.satisfaction,
    promiseToPay: promise,
    // Evidence shows the customer's home.
    evidenceIds: masked ? [] : cited.ids,
    evidenceRefs: masked ? [] : cited.legacyRefs,
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
        : {
            at: isoOf(row.checkedInAt),
            receivedAt: isoOrNull(row.checkInReceivedAt),
            // Where the agent stood is the customer's door: personal data like the address.
            lat: masked ? null : row.checkInLat,
            lon: masked ? null : row.checkInLon,
            distanceMeters: row.checkInDistanceM,
            flags: row.checkInFlags as z.infer<typeof ReasonBodySchema>[],
          },
    outcome: outcome === null ? null : outcomeBody(outcome.row, outcome.currency, masked),
    cancellation:
      row.status === 'cancelled' && row.cancelReason !== null
        ? {
            reason: row.cancelReason as VisitCancelReason,
            // The note may name the customer's circumstances: personal data.
            note: masked && row.cancelNote !== null ? MASK : row.cancelNote,
            customerNotified: row.customerNotified ?? false,
            at: isoOf(row.cancelledAt ?? row.updatedAt),
          }
        : null,
    preparedAt: isoOrNull(row.preparedAt),
    version: row.version,
  };
}
