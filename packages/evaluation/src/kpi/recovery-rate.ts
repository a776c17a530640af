import { assertCurrency } from '../money';
import type { CohortOutcome } from './cohort';
import { type KpiDefinition, type KpiResult, moneyRate } from './kpi';

export const recoveryRate: KpiDefinition<'recovery-rate'> = {
  id: 'recovery-rate',
  title: 'Recovery rate',
  numerator:
    'payments dated inside the window on the cohort accounts, each account capped at its overdue amount at the start',
  denominator: 'overdue amount (principal, interest, fees) of the cohort at the end of the start date',
  window: {
    kind: 'cohort',
    rule:
      'Same cohort as the cure rate; payments count when dated after the start and on or before the end. ' +
      'Per currency, never across currencies.',
  },
  unit: 'money-rate',
  groupBy: ['period', 'region', 'agency', 'agent', 'bucket'],
};

export interface RecoveryAggregate {
  currency: string;
  overdueAtStartMinor: number;
  collectedMinor: number;
}

export function aggregateRecovery(outcomes: readonly CohortOutcome[], currency: string): RecoveryAggregate {
  assertCurrency(currency);
  let overdueAtStartMinor = 0;
  let collectedMinor = 0;
  for (const outcome of outcomes) {
    if (outcome.currency !== currency)
      throw new RangeError(`expected ${currency} amounts, got ${outcome.currency}`);
    overdueAtStartMinor += outcome.overdueAtStartMinor;
    collectedMinor += outcome.collectedMinor;
  }
  return { currency, overdueAtStartMinor, collectedMinor };
}

export function recoveryRateOf(aggregate: RecoveryAggregate): KpiResult<'recovery-rate'> {
  return moneyRate(
    recoveryRate.id,
    aggregate.collectedMinor,
    aggregate.overdueAtStartMinor,
    aggregate.currency,
  );
}
