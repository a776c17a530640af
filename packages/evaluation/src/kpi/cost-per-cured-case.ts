import { assertCurrency } from '../money';
import type { CohortOutcome } from './cohort';
import { type KpiDefinition, type KpiResult, perUnit } from './kpi';
import type { VisitRow } from './rows';

export const costPerCuredCase: KpiDefinition<'cost-per-cured-case'> = {
  id: 'cost-per-cured-case',
  title: 'Cost per cured case',
  numerator: 'cost allocated to the visits made in the window',
  denominator: 'distinct cohort accounts visited in the window that cured in the window',
  window: {
    kind: 'cohort',
    rule:
      'Visits count by check-in date inside the window; cures follow the cure-rate rule for the same window. ' +
      'Every cure of a visited account is credited to the visits, so this flatters the programme: the ' +
      'effect report’s incremental cures are the honest denominator.',
  },
  unit: 'money-per-case',
  groupBy: ['period', 'region', 'agency', 'agent', 'bucket'],
};

export interface CostAggregate {
  currency: string;
  costMinor: number;
  curedCases: number;
}

/** Expects visits restricted with `visitsMadeIn` and the cohort of the same window. */
export function aggregateCost(
  visitsMade: readonly VisitRow[],
  cohort: readonly CohortOutcome[],
  currency: string,
): CostAggregate {
  assertCurrency(currency);
  const cured = new Set(cohort.filter((o) => o.cured).map((o) => o.accountId));
  let costMinor = 0;
  for (const visit of visitsMade) {
    if (visit.currency !== currency)
      throw new RangeError(`expected ${currency} costs, got ${visit.currency}`);
    costMinor += visit.costMinor;
  }
  const curedCases = new Set(visitsMade.map((v) => v.accountId).filter((id) => cured.has(id))).size;
  return { currency, costMinor, curedCases };
}

/** The value is in minor units per case and not rounded; round only for display. */
export function costPerCuredCaseOf(aggregate: CostAggregate): KpiResult<'cost-per-cured-case'> {
  return perUnit(costPerCuredCase.id, aggregate.costMinor, aggregate.curedCases, aggregate.currency);
}
