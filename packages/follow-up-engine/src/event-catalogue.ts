import { z } from 'zod';
import type { OutboundEventType } from './events';

const Minor = z.number().int();
const Currency = z.string().regex(/^[A-Z]{3}$/);
const Instant = z.iso.datetime();
const LocalDate = z.iso.date();

/** Where an event stands in the catalogue: what it tells, since which schema version, and its `data`. */
export interface EventDefinition<D extends z.ZodObject = z.ZodObject> {
  /** Bumped when `data` changes incompatibly; a consumer checks the envelope's `version` first. */
  version: number;
  summary: string;
  data: D;
}

const define = <D extends z.ZodObject>(definition: EventDefinition<D>) => definition;

const promiseSettled = (summary: string) =>
  define({
    version: 1,
    summary,
    data: z.object({ promiseId: z.string(), paidMinor: Minor, amountMinor: Minor, currency: Currency }),
  });

const instalmentSettled = (summary: string) =>
  define({
    version: 1,
    summary,
    data: z.object({
      planId: z.string(),
      sequence: z.number().int(),
      paidMinor: Minor,
      shortfallMinor: Minor,
      currency: Currency,
    }),
  });

/** The lesson an education event is about; a follow-up timer's older events name only the module. */
const LESSON_FIELDS = {
  moduleId: z.string(),
  assignmentId: z.string().optional(),
  lessonId: z.string().optional(),
  lessonVersion: z.number().int().optional(),
  language: z.string().optional(),
};

const visitRequested = (summary: string) =>
  define({
    version: 1,
    summary,
    data: z.object({ purpose: z.string() }),
  });

/**
 * Every outbound event type with its versioned `data` schema: the OpenAPI document's `webhooks`
 * section, the catalogue page (`docs/events.md`) and the emitters' types all come from here. Typed
 * over every event type, so a new type does not compile without its schema.
 */
export const EVENT_CATALOGUE = {
  'visit.scheduled': define({
    version: 1,
    summary: 'A visit was booked: by hand, or in a visit plan a supervisor published.',
    data: z.object({
      visitId: z.string(),
      planId: z.string().nullable(),
      purpose: z.string(),
      window: z.object({ start: Instant, end: Instant }).nullable(),
      agentIds: z.array(z.string()),
    }),
  }),
  'visit.cancelled': define({
    version: 1,
    summary:
      'A planned visit was called off, with a reason from the catalogue and whether the customer was told.',
    data: z.object({
      visitId: z.string(),
      reason: z.string(),
      customerNotified: z.boolean(),
      agentIds: z.string().describe('The team, lead first, as ids joined by commas.'),
    }),
  }),
  'visit.rescheduled': define({
    version: 1,
    summary: 'A planned visit moved to another window; compliance judged the new one.',
    data: z.object({
      visitId: z.string(),
      fromStart: Instant.nullable(),
      fromEnd: Instant.nullable(),
      toStart: Instant,
      toEnd: Instant,
      why: z.string(),
    }),
  }),
  'visit.reassigned': define({
    version: 1,
    summary: 'A planned visit went to another team; compliance judged the new staff.',
    data: z.object({
      visitId: z.string(),
      fromAgentIds: z.string().describe('The team before, lead first, as ids joined by commas.'),
      toAgentIds: z.string().describe('The team now, lead first, as ids joined by commas.'),
      why: z.string(),
    }),
  }),
  'visit.unscheduled': define({
    version: 1,
    summary: 'A mid-day re-plan took the visit off the day; it waits, requested, for a later plan.',
    data: z.object({
      visitId: z.string(),
      fromAgentIds: z.string().describe('The team it had, lead first, as ids joined by commas.'),
      fromStart: Instant.nullable(),
      fromEnd: Instant.nullable(),
      why: z.string(),
    }),
  }),
  'visit.checked_in': define({
    version: 1,
    summary: 'The field agent arrived at the customer’s door (device time, server receipt time, distance).',
    data: z.object({
      visitId: z.string(),
      at: Instant,
      receivedAt: Instant,
      distanceMeters: z.number().nullable(),
      flags: z.array(z.string()),
    }),
  }),
  'visit.completed': define({
    version: 1,
    summary: 'The visit is over: its outcome was recorded.',
    data: z.object({ visitId: z.string(), completedAt: Instant, contactResult: z.string() }),
  }),
  'visit.outcome_recorded': define({
    version: 1,
    summary: 'What the customer said at the door: contact result, hardship, willingness, ability to pay.',
    data: z.object({
      visitId: z.string(),
      recordedAt: Instant,
      contactResult: z.string(),
      rightPartyContact: z.boolean(),
      hardshipReasons: z.array(z.string()),
      willingness: z.number().int().nullable(),
      monthlyAbilityToPayMinor: Minor.nullable(),
      satisfaction: z.number().int().nullable(),
      currency: Currency,
    }),
  }),
  'promise.made': define({
    version: 1,
    summary: 'The customer promised to pay an amount by a date, at a visit or on a call.',
    data: z.object({
      promiseId: z.string(),
      amountMinor: Minor,
      currency: Currency,
      dueDate: LocalDate,
      visitId: z.string().nullable(),
      channel: z.string(),
    }),
  }),
  'promise.kept': promiseSettled('The payments since the promise cover it.'),
  'promise.partly_kept': promiseSettled('Payments came in by the promised date, but short of the amount.'),
  'promise.broken': promiseSettled('Nothing was paid by the promised date.'),
  'plan.proposed': define({
    version: 1,
    summary: 'The repayment policy proposed an instalment plan within the customer’s means.',
    data: z.object({
      planId: z.string(),
      totalMinor: Minor,
      waivedMinor: Minor,
      currency: Currency,
      instalments: z.number().int(),
      firstDueDate: LocalDate,
    }),
  }),
  'plan.accepted': define({
    version: 1,
    summary: 'The customer accepted the plan: core banking books its instalments.',
    data: z.object({
      planId: z.string(),
      acceptedAt: Instant,
      totalMinor: Minor,
      waivedMinor: Minor,
      currency: Currency,
      instalments: z.array(z.object({ sequence: z.number().int(), dueDate: LocalDate, amountMinor: Minor })),
    }),
  }),
  'plan.completed': define({
    version: 1,
    summary: 'Every instalment of the plan is paid.',
    data: z.object({ planId: z.string() }),
  }),
  'plan.broken': define({
    version: 1,
    summary: 'An instalment was missed past the plan’s tolerance; the case goes back to screening.',
    data: z.object({ planId: z.string(), missedSequence: z.number().int() }),
  }),
  'instalment.reminder_due': define({
    version: 1,
    summary: 'An instalment falls due soon: time to remind the customer.',
    data: z.object({
      planId: z.string(),
      sequence: z.number().int(),
      dueDate: LocalDate,
      outstandingMinor: Minor,
      currency: Currency,
    }),
  }),
  'instalment.paid': instalmentSettled('An instalment was paid in full by its due date.'),
  'instalment.missed': instalmentSettled('An instalment was not paid in full by its due date.'),
  'visit_plan.published': define({
    version: 1,
    summary:
      'A supervisor published a day’s visit plan; its visits are announced one by one as `visit.scheduled`.',
    data: z.object({
      planId: z.string(),
      date: LocalDate,
      regionId: z.string().nullable(),
      visits: z.number().int(),
      agentIds: z.array(z.string()),
    }),
  }),
  'case.cured': define({
    version: 1,
    summary: 'The case ended cured: paid in full, or core banking reported the account current.',
    data: z.object({ endedAt: Instant, overdueAtOpenMinor: Minor, currency: Currency }),
  }),
  'case.closed': define({
    version: 1,
    summary: 'The case ended because core banking closed the account.',
    data: z.object({ endedAt: Instant, overdueMinor: Minor, currency: Currency }),
  }),
  'case.escalated': define({
    version: 1,
    summary: 'The follow-up policy moved the case up the collection path.',
    data: z.object({ from: z.string() }),
  }),
  'follow_up.revisit_requested': visitRequested('The follow-up policy asks for another visit.'),
  'follow_up.hardship_review_requested': visitRequested(
    'The follow-up policy asks for a hardship review visit.',
  ),
  'follow_up.check_in_call_requested': define({
    version: 1,
    summary: 'The follow-up policy asks for a supportive call to see how the customer is doing.',
    data: z.object({}),
  }),
  'follow_up.restructure_requested': define({
    version: 1,
    summary: 'The follow-up policy asks for a restructured plan to be put to the customer.',
    data: z.object({}),
  }),
  'education.assigned': define({
    version: 1,
    summary: 'A financial-education lesson was assigned to the customer, in her language.',
    data: z.object(LESSON_FIELDS),
  }),
  'education.completed': define({
    version: 1,
    summary: 'The customer completed a financial-education lesson (and its quiz).',
    data: z.object({
      ...LESSON_FIELDS,
      quizCorrect: z.number().int().optional(),
      quizTotal: z.number().int().optional(),
    }),
  }),
  'relationship.check_in_due': define({
    version: 1,
    summary: 'Months after a cure: time for a supportive check-in message that asks for nothing.',
    data: z.object({ monthsAfterCure: z.number().int(), language: z.string(), message: z.string() }),
  }),
} as const satisfies { readonly [T in OutboundEventType]: EventDefinition };

export type EventDataOf<T extends OutboundEventType> = z.infer<(typeof EVENT_CATALOGUE)[T]['data']>;

/**
 * What the envelope adds to every event's `data`: its id, and for an event about a case, the case
 * and core banking's own numbers for its customer and account (so a core system needs no lookup).
 */
export const EVENT_CONTEXT_FIELDS = z.object({
  eventId: z.string(),
  caseId: z.string().nullable(),
  customerRef: z.string().nullable().optional(),
  accountRef: z.string().nullable().optional(),
});
