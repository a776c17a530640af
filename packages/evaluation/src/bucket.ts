/** Delinquency buckets by days past due: M1 is 1–30, M2 31–60, … M6+ is 151 and over. */
export const delinquencyBuckets = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6+'] as const;
export type DelinquencyBucket = (typeof delinquencyBuckets)[number];
export type Bucket = 'current' | DelinquencyBucket;
export const buckets: readonly Bucket[] = ['current', ...delinquencyBuckets];

export function delinquentBucketOf(daysPastDue: number): DelinquencyBucket {
  if (!Number.isInteger(daysPastDue) || daysPastDue < 1) {
    throw new RangeError(`a delinquent account has a whole number of days past due ≥ 1, got ${daysPastDue}`);
  }
  return delinquencyBuckets[Math.min(Math.ceil(daysPastDue / 30), delinquencyBuckets.length) - 1]!;
}

export function bucketOf(daysPastDue: number): Bucket {
  return daysPastDue === 0 ? 'current' : delinquentBucketOf(daysPastDue);
}
