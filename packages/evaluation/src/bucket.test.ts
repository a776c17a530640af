import { bucketOf as coreBucketOf } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { bucketOf } from './bucket';
import { sumByCurrency } from './money';

describe('bucketOf', () => {
  it('rejects negative or fractional days', () => {
    expect(() => bucketOf(-1)).toThrow(RangeError);
    expect(() => bucketOf(1.5)).toThrow(RangeError);
  });

  // The boundaries themselves are pinned by core's table test; evaluation keeps its own stricter bucketOf,
  // so this checks that reports and screening still bucket every valid DPD alike (0 current … 151+ M6+).
  it("agrees with @doorstep/core's bucketOf on every whole DPD", () => {
    for (let dpd = 0; dpd <= 400; dpd++) expect(bucketOf(dpd), `DPD ${dpd}`).toBe(coreBucketOf(dpd));
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
