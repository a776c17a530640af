import { z } from 'zod';

export const BucketSchema = z.enum(['current', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6+']);
export type Bucket = z.infer<typeof BucketSchema>;

const BY_MONTH: readonly Bucket[] = ['M1', 'M2', 'M3', 'M4', 'M5'];

/** 账龄: M1 is DPD 1–30, M2 31–60, …, M6+ from 151; DPD 0 is current. */
export const bucketOf = (dpd: number): Bucket => {
  if (dpd <= 0) return 'current';
  return BY_MONTH[Math.floor((dpd - 1) / 30)] ?? 'M6+';
};
