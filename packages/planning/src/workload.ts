import type { PlanningProposal, WorkloadReport } from '@doorstep/core';
import type { CityRoute } from '@doorstep/vrptw';

const MINUTE = 60_000;

/**
 * Visits and working minutes per team — service and travel, waiting left out — and the spread of each
 * over all the day's teams, idle ones included. Stops the solver did not place (kept in a re-plan)
 * count their planned length.
 */
export function workloadOf(
  routes: ReadonlyArray<{ route: PlanningProposal['routes'][number]; solved?: CityRoute }>,
  balanced: WorkloadReport['balanced'],
): WorkloadReport {
  const teams = routes.map(({ route, solved }) => {
    let minutes = 0;
    if (solved && solved.stops.length > 0) {
      const waiting = solved.stops.reduce((s, stop) => s + (stop.start - stop.arrival), 0);
      minutes += (solved.returnAt - solved.departure - waiting) / MINUTE;
    }
    const solvedStops = new Set(solved?.stops.map((s) => s.visitId) ?? []);
    for (const stop of route.stops) {
      if (!solvedStops.has(stop.caseId))
        minutes += (Date.parse(stop.window.end) - Date.parse(stop.window.start)) / MINUTE;
    }
    return { agentIds: route.agentIds, visits: route.stops.length, minutes: Math.round(minutes) };
  });
  const spread = (values: number[]) => (values.length === 0 ? 0 : Math.max(...values) - Math.min(...values));
  return {
    balanced,
    teams,
    spread: { visits: spread(teams.map((t) => t.visits)), minutes: spread(teams.map((t) => t.minutes)) },
  };
}
