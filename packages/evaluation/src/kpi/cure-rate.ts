import type { CohortOutcome } from './cohort';
import { countRate, type KpiDefinition, type KpiResult } from './kpi';

export const cureRate: KpiDefinition<'cure-rate'> = {
  id: 'cure-rate',
  title: 'Cure rate',
  numerator: 'accounts of the cohort that show 0 days past due on any snapshot inside the window',
  denominator: 'open accounts with 1 or more days past due at the end of the start date (the cohort)',
  window: {
    kind: 'cohort',
    rule:
      'The cohort is fixed at the end of the start date; a cure is any snapshot dated after the start and ' +
      'on or before the end with 0 days past due, including an account closed as paid. Later relapses do ' +
      'not undo the cure. Compare only windows of equal length.',
  },
  unit: 'rate',
  groupBy: ['period', 'region', 'agency', 'agent', 'bucket'],
};

export interface CureAggregate {
  delinquentAtStart: number;
  cured: number;
}

export function aggregateCure(outcomes: readonly CohortOutcome[]): CureAggregate {
  return { delinquentAtStart: outcomes.length, cured: outcomes.filter((o) => o.cured).length };
}

export function cureRateOf(aggregate: CureAggregate): KpiResult<'cure-rate'> {
  return countRate(cureRate.id, aggregate.cured, aggregate.delinquentAtStart);
}
