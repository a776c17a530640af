import { expect, test } from 'vitest';
import { bucketOf } from './bucket';

test.each([
  [0, 'current'],
  [1, 'M1'],
  [30, 'M1'],
  [31, 'M2'],
  [60, 'M2'],
  [61, 'M3'],
  [90, 'M3'],
  [91, 'M4'],
  [150, 'M5'],
  [151, 'M6+'],
  [2000, 'M6+'],
] as const)('DPD %i is %s', (dpd, bucket) => {
  expect(bucketOf(dpd)).toBe(bucket);
});
