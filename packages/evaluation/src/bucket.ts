/** Buckets come from the one rule in `@doorstep/core`; evaluation re-exports it for its callers. */
export {
  type Bucket,
  bucketOf,
  buckets,
  type DelinquencyBucket,
  delinquencyBuckets,
  delinquentBucketOf,
} from '@doorstep/core';
