import { type Bucket, bucketOf } from '../bucket';
import { assertCurrency } from '../money';
import { countRate, type KpiDefinition, type KpiResult, moneyRate } from './kpi';
import { type DelinquencySnapshotRow, type IsoDate, latestSnapshots } from './rows';

const asOfRule =
  'Each account counts in the state of its latest snapshot on or before the date (ties broken by sequence); ' +
  'accounts closed by then are not in the portfolio.';

export const overdueRateCount: KpiDefinition<'overdue-rate.count'> = {
  id: 'overdue-rate.count',
  title: 'Overdue rate (accounts)',
  numerator: 'open accounts with 1 or more days past due',
  denominator: 'all open accounts',
  window: { kind: 'as-of', rule: asOfRule },
  unit: 'rate',
  groupBy: ['period', 'region', 'agency'],
};

export const overdueRateAmount: KpiDefinition<'overdue-rate.amount'> = {
  id: 'overdue-rate.amount',
  title: 'Overdue rate (balance)',
  numerator: 'outstanding balance of open accounts with 1 or more days past due',
  denominator: 'outstanding balance of all open accounts',
  window: { kind: 'as-of', rule: `${asOfRule} Amounts are summed per currency, never across currencies.` },
  unit: 'money-rate',
  groupBy: ['period', 'region', 'agency'],
};

/** One open account as it stood on a date: the fact both overdue rates and bucket breakdowns count. */
export interface AccountState {
  accountId: string;
  bucket: Bucket;
  outstandingMinor: number;
  currency: string;
}

export function accountStatesOn(snapshots: readonly DelinquencySnapshotRow[], date: IsoDate): AccountState[] {
  return [...latestSnapshots(snapshots, date).values()]
    .filter((row) => row.status === 'open')
    .map((row) => ({
      accountId: row.accountId,
      bucket: bucketOf(row.daysPastDue),
      outstandingMinor: row.outstandingMinor,
      currency: row.currency,
    }));
}

/** What `COUNT(*)` and `SUM(CASE WHEN dpd > 0 …)` return for one group. */
export interface OverdueCountAggregate {
  accounts: number;
  overdueAccounts: number;
}

export interface OverdueAmountAggregate {
  currency: string;
  outstandingMinor: number;
  overdueOutstandingMinor: number;
}

export function aggregateOverdueCount(states: readonly AccountState[]): OverdueCountAggregate {
  return { accounts: states.length, overdueAccounts: states.filter((s) => s.bucket !== 'current').length };
}

/** Sums one currency; a state in another currency is a caller bug (group by currency first). */
export function aggregateOverdueAmount(
  states: readonly AccountState[],
  currency: string,
): OverdueAmountAggregate {
  assertCurrency(currency);
  let outstandingMinor = 0;
  let overdueOutstandingMinor = 0;
  for (const state of states) {
    if (state.currency !== currency)
      throw new RangeError(`expected ${currency} balances, got ${state.currency}`);
    outstandingMinor += state.outstandingMinor;
    if (state.bucket !== 'current') overdueOutstandingMinor += state.outstandingMinor;
  }
  return { currency, outstandingMinor, overdueOutstandingMinor };
}

export function overdueRateByCount(aggregate: OverdueCountAggregate): KpiResult<'overdue-rate.count'> {
  return countRate(overdueRateCount.id, aggregate.overdueAccounts, aggregate.accounts);
}

export function overdueRateByAmount(aggregate: OverdueAmountAggregate): KpiResult<'overdue-rate.amount'> {
  return moneyRate(
    overdueRateAmount.id,
    aggregate.overdueOutstandingMinor,
    aggregate.outstandingMinor,
    aggregate.currency,
  );
}
