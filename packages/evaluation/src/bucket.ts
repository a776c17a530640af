import { type Bucket, BucketSchema } from '@doorstep/core';

export type { Bucket } from '@doorstep/core';

/** Delinquency buckets by days past due: M1 is 1–30, M2 31–60, … M6+ is 151 and over. */
export type DelinquencyBucket = Exclude<Bucket, 'current'>;
export const buckets: readonly Bucket[] = BucketSchema.options;
export const delinquencyBuckets: readonly DelinquencyBucket[] = BucketSchema.exclude(['current']).options;

// Not core's `bucketOf`: the two agree on every whole DPD ≥ 0 (bucket.test.ts checks it), but core maps a
// negative DPD to `current` and a fractional or NaN one to some bucket without complaint. A KPI that counted
// such a core-banking row would quietly skew a rate, so evaluation rejects it instead.
export function delinquentBucketOf(daysPastDue: number): DelinquencyBucket {
  if (!Number.isInteger(daysPastDue) || daysPastDue < 1) {
    throw new RangeError(`a delinquent account has a whole number of days past due ≥ 1, got ${daysPastDue}`);
  }
  return delinquencyBuckets[Math.min(Math.ceil(daysPastDue / 30), delinquencyBuckets.length) - 1]!;
}

export function bucketOf(daysPastDue: number): Bucket {
  return daysPastDue === 0 ? 'current' : delinquentBucketOf(daysPastDue);
}
