import { z } from 'zod';

export const BucketSchema = z.enum(['current', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6+']);
export type Bucket = z.infer<typeof BucketSchema>;

/** Delinquency buckets by days past due: every bucket but `current`. */
export type DelinquencyBucket = Exclude<Bucket, 'current'>;

export interface BucketRange {
  bucket: Bucket;
  /** Lowest days past due in the bucket, included. */
  minDpd: number;
  /** Highest days past due in the bucket, included; `null` for the open-ended last bucket. */
  maxDpd: number | null;
}

/**
 * 账龄, the one bucket rule: DPD 0 is current, M1 is 1–30, M2 31–60, …, M6+ from 151. Every bucket
 * anywhere comes from this table — `bucketOf` here, and the SQL `CASE` the reports generate from it —
 * so screening, intake, evaluation and D1 cannot disagree about a boundary.
 */
export const bucketRanges: readonly BucketRange[] = [
  { bucket: 'current', minDpd: 0, maxDpd: 0 },
  { bucket: 'M1', minDpd: 1, maxDpd: 30 },
  { bucket: 'M2', minDpd: 31, maxDpd: 60 },
  { bucket: 'M3', minDpd: 61, maxDpd: 90 },
  { bucket: 'M4', minDpd: 91, maxDpd: 120 },
  { bucket: 'M5', minDpd: 121, maxDpd: 150 },
  { bucket: 'M6+', minDpd: 151, maxDpd: null },
];

export const buckets: readonly Bucket[] = bucketRanges.map((range) => range.bucket);
export const delinquencyBuckets: readonly DelinquencyBucket[] = BucketSchema.exclude(['current']).options;

/**
 * The bucket of a whole, non-negative number of days past due. Anything else (negative, fractional,
 * NaN, infinite) is a bug upstream and throws: a DPD nobody understands must not quietly count as M1
 * or as current in a report or a screening decision.
 */
export function bucketOf(dpd: number): Bucket {
  if (!Number.isSafeInteger(dpd) || dpd < 0) {
    throw new RangeError(`days past due must be a whole number ≥ 0, got ${dpd}`);
  }
  const range = bucketRanges.find((r) => dpd >= r.minDpd && (r.maxDpd === null || dpd <= r.maxDpd));
  // The table covers 0…∞ without gaps (bucket.test.ts checks it), so this only fires if it is edited badly.
  if (!range) throw new RangeError(`no bucket covers ${dpd} days past due`);
  return range.bucket;
}

/** The bucket of an account that is delinquent: DPD ≥ 1. DPD 0 (current) or an invalid DPD throws. */
export function delinquentBucketOf(dpd: number): DelinquencyBucket {
  const bucket = bucketOf(dpd);
  if (bucket === 'current') throw new RangeError(`a delinquent account has DPD ≥ 1, got ${dpd}`);
  return bucket;
}

/** A stored bucket name read back (a case row): unknown text is an error, never quietly M1. */
export function parseBucket(text: string): Bucket {
  const bucket = BucketSchema.safeParse(text);
  if (!bucket.success) throw new RangeError(`not a bucket: ${JSON.stringify(text)}`);
  return bucket.data;
}
