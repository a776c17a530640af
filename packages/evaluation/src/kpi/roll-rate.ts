import {
  type Bucket,
  bucketOf,
  buckets,
  type DelinquencyBucket,
  delinquencyBuckets,
  delinquentBucketOf,
} from '../bucket';
import { countRate, type KpiDefinition, type KpiResult } from './kpi';
import { assertIsoDate, type DelinquencySnapshotRow, type IsoDate, latestSnapshots } from './rows';

export const rollRate: KpiDefinition<'roll-rate'> = {
  id: 'roll-rate',
  title: 'Roll rate',
  numerator: 'accounts in bucket `from` on the first date that are in bucket `to` on the second date',
  denominator: 'accounts open in bucket `from` on the first date',
  window: {
    kind: 'transition',
    rule:
      'Buckets are read from each account’s latest snapshot on or before each date. An account closed with ' +
      '0 days past due by the second date counts as current. The roll-forward rate of Mk is the cell ' +
      '(Mk → Mk+1); each row of the matrix sums to its denominator.',
  },
  unit: 'rate',
  groupBy: ['period', 'region', 'agency', 'bucket'],
};

export interface BucketTransition {
  accountId: string;
  from: DelinquencyBucket;
  to: Bucket;
}

/** What `GROUP BY from_bucket, to_bucket` returns. */
export interface TransitionCount {
  from: DelinquencyBucket;
  to: Bucket;
  accounts: number;
}

export interface RollRateCell extends KpiResult<'roll-rate'> {
  from: DelinquencyBucket;
  to: Bucket;
}

export function bucketTransitions(
  snapshots: readonly DelinquencySnapshotRow[],
  from: IsoDate,
  to: IsoDate,
): BucketTransition[] {
  assertIsoDate(from);
  assertIsoDate(to);
  if (from >= to) throw new RangeError(`roll rates need an earlier first date, got ${from} → ${to}`);
  const later = latestSnapshots(snapshots, to);
  return [...latestSnapshots(snapshots, from).values()]
    .filter((row) => row.status === 'open' && row.daysPastDue > 0)
    .map((row) => ({
      accountId: row.accountId,
      from: delinquentBucketOf(row.daysPastDue),
      // The later snapshot always exists: it is at worst the same row.
      to: bucketOf(later.get(row.accountId)!.daysPastDue),
    }));
}

export function countTransitions(transitions: readonly BucketTransition[]): TransitionCount[] {
  const counts = new Map<string, TransitionCount>();
  for (const { from, to } of transitions) {
    const key = `${from}>${to}`;
    const cell = counts.get(key) ?? { from, to, accounts: 0 };
    cell.accounts += 1;
    counts.set(key, cell);
  }
  return [...counts.values()];
}

/**
 * The full matrix, every `from` bucket M1…M6+ against every `to` bucket current…M6+, so empty rows show as
 * `null` rates instead of disappearing.
 */
export function rollRateMatrix(counts: readonly TransitionCount[]): RollRateCell[] {
  const accounts = (from: DelinquencyBucket, to: Bucket) =>
    counts.filter((c) => c.from === from && c.to === to).reduce((sum, c) => sum + c.accounts, 0);
  return delinquencyBuckets.flatMap((from) => {
    const rowTotal = buckets.reduce((sum, to) => sum + accounts(from, to), 0);
    return buckets.map((to) => ({ ...countRate(rollRate.id, accounts(from, to), rowTotal), from, to }));
  });
}
