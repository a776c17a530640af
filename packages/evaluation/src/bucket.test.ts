import { describe, expect, it } from 'vitest';
import { bucketOf } from './bucket';
import { sumByCurrency } from './money';

describe('bucketOf', () => {
  it.each([
    [0, 'current'],
    [1, 'M1'],
    [30, 'M1'],
    [31, 'M2'],
    [60, 'M2'],
    [61, 'M3'],
    [90, 'M3'],
    [120, 'M4'],
    [150, 'M5'],
    [151, 'M6+'],
    [2000, 'M6+'],
  ])('%s days past due → %s', (dpd, bucket) => {
    expect(bucketOf(dpd)).toBe(bucket);
  });

  it('rejects negative or fractional days', () => {
    expect(() => bucketOf(-1)).toThrow(RangeError);
    expect(() => bucketOf(1.5)).toThrow(RangeError);
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
