import type { AgentId, ComplianceFunctions, Instant, Interval, Veto, VisitQuery } from '@doorstep/core';
import type { VisitQueryExtras } from './policy/facts';

/** What a planner may hand its solver for one case. */
export interface PlanningWindows {
  /** When a visit may take place within the interval asked about; empty when a veto stands. */
  readonly windows: Interval[];
  readonly vetoes: Veto[];
  /** The fewest staff the pack accepts for the visit (CN: `minStaff`); the team the solver must send. */
  readonly staffNeeded: number;
}

/** The largest team tried: no pack asks for more people at a door. */
const LARGEST_TEAM = 4;

const teamOf = (size: number): VisitQuery['staff'] =>
  Array.from({ length: size }, (_, i) => ({ agentId: `agt_planned_${i + 1}` as AgentId }));

/**
 * The planning question asked before anyone is assigned, for a case over `query.interval` (usually the
 * day to plan): at the `planning` stage, so staff rules count, with the fewest staff that raise no veto
 * a larger team would not; and as if the customer were told of the visit at `plannedAt`, so a notice
 * period (UK) runs from the plan, not from some earlier notice. Any veto, overridable or not, empties
 * the windows: the solver plans no visit a supervisor has not cleared, and check-in judges each again.
 *
 * @example
 * const { windows, staffNeeded } = planningWindows(compliance, { ...facts, interval: day }, now);
 * candidates.push({ caseId, windows, staffNeeded: Math.max(teamSize, staffNeeded), … });
 */
export function planningWindows(
  compliance: ComplianceFunctions,
  query: Omit<VisitQuery, 'staff' | 'stage'> & Partial<VisitQueryExtras>,
  plannedAt: Instant,
): PlanningWindows {
  const assessWith = (size: number) =>
    compliance.assessVisit({ noticeGivenAt: plannedAt, ...query, staff: teamOf(size), stage: 'planning' });
  const largest = assessWith(LARGEST_TEAM);
  for (let size = 1; size < LARGEST_TEAM; size += 1) {
    const assessment = assessWith(size);
    if (assessment.vetoes.length <= largest.vetoes.length) return answer(assessment, size);
  }
  return answer(largest, LARGEST_TEAM);
}

const answer = (
  { windows, vetoes }: ReturnType<ComplianceFunctions['assessVisit']>,
  staffNeeded: number,
): PlanningWindows => ({ windows: vetoes.length > 0 ? [] : windows, vetoes, staffNeeded });
