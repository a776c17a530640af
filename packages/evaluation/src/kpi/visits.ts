import { assertWindow, type DateWindow, isWithin, type VisitRow } from './rows';

/** Visits made (checked in) on a date inside the window: the population of every visit-level KPI. */
export function visitsMadeIn(visits: readonly VisitRow[], window: DateWindow): VisitRow[] {
  assertWindow(window);
  return visits.filter((visit) => visit.visitedOn !== null && isWithin(visit.visitedOn, window));
}
