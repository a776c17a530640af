import * as core from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { bucketOf, delinquentBucketOf } from './bucket';
import { sumByCurrency } from './money';

describe('buckets', () => {
  // One rule: evaluation has no bucket function of its own, so it cannot drift from screening and intake.
  it("are core's rule itself", () => {
    expect(bucketOf).toBe(core.bucketOf);
    expect(delinquentBucketOf).toBe(core.delinquentBucketOf);
    expect(() => bucketOf(-1)).toThrow(RangeError);
  });
});

describe('sumByCurrency', () => {
  it('adds within a currency and never across', () => {
    expect(
      sumByCurrency([
        { amountMinor: 100, currency: 'CNY' },
        { amountMinor: 5, currency: 'USD' },
        { amountMinor: 250, currency: 'CNY' },
      ]),
    ).toEqual([
      { amountMinor: 350, currency: 'CNY' },
      { amountMinor: 5, currency: 'USD' },
    ]);
    expect(() => sumByCurrency([{ amountMinor: 1.5, currency: 'CNY' }])).toThrow(RangeError);
  });
});
