import type { PlanningProposal } from '@doorstep/core';
import type { ReplanRequest } from './replans';

const iso = (at: number) => new Date(at).toISOString();

/**
 * Why a planning policy's answer to a re-plan cannot be applied, or null when it can. The policy is a
 * plugin: the host does not take its word that it re-planned from `at`, nor that it let the agents who
 * leave go. Stops kept fixed (done or under way) are the day as it happened and are not judged.
 */
export function replanRefusal(
  proposal: PlanningProposal,
  request: Pick<ReplanRequest, 'at' | 'unavailable'>,
  fixedCaseIds: ReadonlySet<string>,
  policyId: string,
): string | null {
  const leavesAt = new Map<string, number>();
  for (const { agentId, from } of request.unavailable) {
    leavesAt.set(agentId, Math.min(leavesAt.get(agentId) ?? Number.POSITIVE_INFINITY, from));
  }
  for (const route of proposal.routes) {
    for (const stop of route.stops) {
      if (fixedCaseIds.has(stop.caseId)) continue;
      if (Date.parse(stop.window.start) < request.at) {
        return `the planning policy ${policyId} does not re-plan mid-day (it planned before ${iso(request.at)})`;
      }
      const end = Date.parse(stop.window.end);
      const leaver = route.agentIds.find((id) => end > (leavesAt.get(id) ?? Number.POSITIVE_INFINITY));
      if (leaver !== undefined) {
        return `the planning policy ${policyId} kept ${leaver} at ${stop.caseId} until ${iso(end)}, after they stop at ${iso(leavesAt.get(leaver)!)}`;
      }
    }
  }
  return null;
}
