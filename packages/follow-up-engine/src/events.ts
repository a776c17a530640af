import { z } from 'zod';

/**
 * What happened in the programme, for core banking's records (and a CRM's): not follow-up requests,
 * and never a contact with the customer. Announced in the same D1 batch as the write that makes
 * them true, once per fact.
 */
export const BUSINESS_EVENT_TYPES = [
  'visit.scheduled',
  'visit.checked_in',
  'visit.completed',
  'visit.outcome_recorded',
  'promise.made',
  'plan.proposed',
  'plan.accepted',
  'visit_plan.published',
  'case.cured',
  'case.closed',
] as const;
export type BusinessEventType = (typeof BUSINESS_EVENT_TYPES)[number];

/**
 * Every event Doorstep pushes to partner apps. A subscription filters on these names (or `*`); a name is
 * a promise to partners, so a new meaning gets a new name rather than a changed payload.
 */
export const OUTBOUND_EVENT_TYPES = [
  'follow_up.revisit_requested',
  'follow_up.hardship_review_requested',
  'follow_up.restructure_requested',
  'follow_up.check_in_call_requested',
  'promise.kept',
  'promise.partly_kept',
  'promise.broken',
  'instalment.reminder_due',
  'instalment.paid',
  'instalment.missed',
  'plan.completed',
  'plan.broken',
  'education.assigned',
  'education.completed',
  /** After a cure: the partner app sends the check-in message in the event (`message`, `language`). */
  'relationship.check_in_due',
  'case.escalated',
  'visit.cancelled',
  'visit.rescheduled',
  'visit.reassigned',
  'visit.unscheduled',
  ...BUSINESS_EVENT_TYPES,
] as const;

export const OutboundEventTypeSchema = z.enum(OUTBOUND_EVENT_TYPES);
export type OutboundEventType = z.infer<typeof OutboundEventTypeSchema>;

/** A subscription's filter: explicit event types, or `*` for all of them. */
export const EventTypeFilterSchema = z.array(z.union([OutboundEventTypeSchema, z.literal('*')])).min(1);
export type EventTypeFilter = z.infer<typeof EventTypeFilterSchema>;

type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };
export type EventData = Readonly<Record<string, JsonValue>>;

/** What an action announces; the worker adds the id, tenant and timestamp when it stores it. */
export interface OutboundEvent {
  type: OutboundEventType;
  /** The case the event is about; null for one about no single case (a published visit plan). */
  caseId: string | null;
  data: EventData;
  /**
   * Names the fact the event reports, unique per tenant (`visit.checked_in:vis_…`): a write that runs
   * again, or a second request racing it, announces the fact once. Follow-up events, one per claimed
   * timer, need none.
   */
  dedupeKey?: string;
}

export const matchesFilter = (filter: readonly string[], type: OutboundEventType): boolean =>
  filter.includes('*') || filter.includes(type);
