import { countRate, type KpiDefinition, type KpiResult } from './kpi';
import { assertWindow, type DateWindow, isWithin, type PaymentRow, type PromiseRow } from './rows';

export const promiseKeptRate: KpiDefinition<'promise-kept-rate'> = {
  id: 'promise-kept-rate',
  title: 'Promise-kept rate',
  numerator:
    'promises due in the window whose account received payments covering the promised amount in full',
  denominator: 'promises to pay whose due date falls in the window',
  window: {
    kind: 'activity',
    rule:
      'A promise belongs to the window of its due date. Payments count from the day the promise was made to ' +
      'the due date, both included; a payment one day late breaks the promise. Report a window only after ' +
      'its end date has passed, or promises still running count as broken.',
  },
  unit: 'rate',
  groupBy: ['period', 'region', 'agency', 'agent', 'bucket'],
};

export interface PromiseOutcome {
  promiseId: string;
  accountId: string;
  kept: boolean;
  paidMinor: number;
}

/**
 * Overlapping promises on one account see the same payments; each is judged on its own, as the agent who
 * took it would judge it.
 */
export function promiseOutcomes(
  promises: readonly PromiseRow[],
  payments: readonly PaymentRow[],
  window: DateWindow,
): PromiseOutcome[] {
  assertWindow(window);
  return promises
    .filter((promise) => isWithin(promise.dueOn, window))
    .map((promise) => {
      const paidMinor = payments
        .filter(
          (p) =>
            p.accountId === promise.accountId &&
            isWithin(p.paidOn, { start: promise.madeOn, end: promise.dueOn }),
        )
        .reduce((sum, p) => sum + p.amountMinor, 0);
      return {
        promiseId: promise.promiseId,
        accountId: promise.accountId,
        kept: paidMinor >= promise.amountMinor,
        paidMinor,
      };
    });
}

export interface PromiseAggregate {
  promisesDue: number;
  promisesKept: number;
}

export function aggregatePromises(outcomes: readonly PromiseOutcome[]): PromiseAggregate {
  return { promisesDue: outcomes.length, promisesKept: outcomes.filter((o) => o.kept).length };
}

export function promiseKeptRateOf(aggregate: PromiseAggregate): KpiResult<'promise-kept-rate'> {
  return countRate(promiseKeptRate.id, aggregate.promisesKept, aggregate.promisesDue);
}
