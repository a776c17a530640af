import { describe, expect, test } from 'vitest';
import { bucketOf, bucketRanges, delinquentBucketOf, parseBucket } from './bucket';

test.each([
  [0, 'current'],
  [1, 'M1'],
  [30, 'M1'],
  [31, 'M2'],
  [60, 'M2'],
  [61, 'M3'],
  [90, 'M3'],
  [91, 'M4'],
  [120, 'M4'],
  [121, 'M5'],
  [150, 'M5'],
  [151, 'M6+'],
  [2000, 'M6+'],
] as const)('DPD %i is %s', (dpd, bucket) => {
  expect(bucketOf(dpd)).toBe(bucket);
});

describe('an unknown DPD is an error, never a bucket', () => {
  test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('bucketOf(%s) throws', (dpd) => {
    expect(() => bucketOf(dpd)).toThrow(RangeError);
  });

  test('a delinquent bucket needs DPD ≥ 1', () => {
    expect(delinquentBucketOf(31)).toBe('M2');
    expect(() => delinquentBucketOf(0)).toThrow(RangeError);
  });

  test('stored bucket names are read strictly', () => {
    expect(parseBucket('M6+')).toBe('M6+');
    expect(parseBucket('current')).toBe('current');
    for (const text of ['M7', 'm1', '', 'x']) {
      expect(() => parseBucket(text)).toThrow(RangeError);
    }
  });
});

test('the ranges start at 0, follow each other without gaps or overlaps, and end open', () => {
  expect(bucketRanges[0]!.minDpd).toBe(0);
  for (let i = 1; i < bucketRanges.length; i++) {
    expect(bucketRanges[i]!.minDpd).toBe(bucketRanges[i - 1]!.maxDpd! + 1);
  }
  expect(bucketRanges.at(-1)!.maxDpd).toBeNull();
});
