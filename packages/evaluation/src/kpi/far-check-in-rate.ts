import { countRate, type KpiDefinition, type KpiResult } from './kpi';
import type { VisitRow } from './rows';

export const farCheckInRate: KpiDefinition<'far-check-in-rate'> = {
  id: 'far-check-in-rate',
  title: 'Check-ins far from the address',
  numerator: 'visits made whose check-in was flagged `location.far` (beyond the tenant’s radius)',
  denominator: 'visits made whose check-in distance from the customer’s geocoded address was measured',
  window: {
    kind: 'activity',
    rule: 'A visit belongs to the window of its check-in date; visits without a check-in, or to an address without coordinates, are left out.',
  },
  unit: 'rate',
  groupBy: ['period', 'region', 'agency', 'agent', 'bucket'],
};

export interface FarCheckInAggregate {
  measured: number;
  far: number;
}

/** Expects visits already restricted to the window with `visitsMadeIn`. */
export function aggregateFarCheckIns(visitsMade: readonly VisitRow[]): FarCheckInAggregate {
  const measured = visitsMade.filter((visit) => visit.checkInFar !== undefined && visit.checkInFar !== null);
  return { measured: measured.length, far: measured.filter((visit) => visit.checkInFar).length };
}

export function farCheckInRateOf(aggregate: FarCheckInAggregate): KpiResult<'far-check-in-rate'> {
  return countRate(farCheckInRate.id, aggregate.far, aggregate.measured);
}
