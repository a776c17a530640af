import type { VisitCancelReason } from '@doorstep/core';
import type { OutboundEvent } from '@doorstep/follow-up-engine';

/** A visit as its outbound events name it: which, for which case, with whom and when. */
export interface VisitSnapshot {
  id: string;
  caseId: string;
  agentIds: readonly string[];
  windowStart: number | null;
  windowEnd: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
// Event data is flat: a team travels as its ids joined by commas, lead first.
const team = (agentIds: readonly string[]) => agentIds.join(',');

export const visitCancelled = (
  visit: VisitSnapshot,
  reason: VisitCancelReason,
  customerNotified: boolean,
): OutboundEvent => ({
  type: 'visit.cancelled',
  caseId: visit.caseId,
  data: { visitId: visit.id, reason, customerNotified, agentIds: team(visit.agentIds) },
});

export const visitRescheduled = (
  visit: VisitSnapshot,
  to: { start: number; end: number },
  why: string,
): OutboundEvent => ({
  type: 'visit.rescheduled',
  caseId: visit.caseId,
  data: {
    visitId: visit.id,
    fromStart: iso(visit.windowStart),
    fromEnd: iso(visit.windowEnd),
    toStart: iso(to.start),
    toEnd: iso(to.end),
    why,
  },
});

export const visitReassigned = (visit: VisitSnapshot, to: readonly string[], why: string): OutboundEvent => ({
  type: 'visit.reassigned',
  caseId: visit.caseId,
  data: { visitId: visit.id, fromAgentIds: team(visit.agentIds), toAgentIds: team(to), why },
});

/** Taken off the day by a re-plan: the visit waits, requested, for a later plan. */
export const visitUnscheduled = (visit: VisitSnapshot, why: string): OutboundEvent => ({
  type: 'visit.unscheduled',
  caseId: visit.caseId,
  data: {
    visitId: visit.id,
    fromAgentIds: team(visit.agentIds),
    fromStart: iso(visit.windowStart),
    fromEnd: iso(visit.windowEnd),
    why,
  },
});
