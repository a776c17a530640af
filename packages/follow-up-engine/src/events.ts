import { z } from 'zod';

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
] as const;

export const OutboundEventTypeSchema = z.enum(OUTBOUND_EVENT_TYPES);
export type OutboundEventType = z.infer<typeof OutboundEventTypeSchema>;

/** A subscription's filter: explicit event types, or `*` for all of them. */
export const EventTypeFilterSchema = z.array(z.union([OutboundEventTypeSchema, z.literal('*')])).min(1);
export type EventTypeFilter = z.infer<typeof EventTypeFilterSchema>;

export type EventData = Readonly<Record<string, string | number | boolean | null>>;

/** What an action announces; the worker adds the id, tenant and timestamp when it stores it. */
export interface OutboundEvent {
  type: OutboundEventType;
  caseId: string;
  data: EventData;
}

export const matchesFilter = (filter: readonly string[], type: OutboundEventType): boolean =>
  filter.includes('*') || filter.includes(type);
