import { describe, expect, it } from 'vitest';
import { meanAndVariance, momentsOf, welchDifference } from './welch';

describe('welchDifference', () => {
  it('reproduces a hand-computed interval', () => {
    // a: mean 3, variance 2.5 (n 5); b: mean 6, variance 10/3 (n 4).
    // SE² = 2.5/5 + (10/3)/4 = 4/3; df = (4/3)² / (0.5²/4 + (5/6)²/3) = 6.04724…; t(0.975; 6.04724) = 2.44229 (SciPy).
    const interval = welchDifference(momentsOf([1, 2, 3, 4, 5]), momentsOf([4, 5, 7, 8]))!;
    expect(interval.estimate).toBe(-3);
    expect(interval.standardError).toBeCloseTo(Math.sqrt(4 / 3), 14);
    expect(interval.degreesOfFreedom).toBeCloseTo(6.047244094488188, 12);
    expect(interval.upper - interval.estimate).toBeCloseTo(2.4422854239862133 * Math.sqrt(4 / 3), 12);
    expect(interval.lower + interval.upper).toBeCloseTo(-6, 12);
  });

  it('is null below two observations in a group and a point when nothing varies', () => {
    expect(welchDifference(momentsOf([1]), momentsOf([1, 2]))).toBeNull();
    const point = welchDifference(momentsOf([5, 5, 5]), momentsOf([2, 2]))!;
    expect([point.lower, point.estimate, point.upper]).toEqual([3, 3, 3]);
  });
});

describe('meanAndVariance', () => {
  it('agrees with the two-pass formula', () => {
    const values = [120_000, 0, 45_500, 0, 0, 99_999, 1];
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
    const result = meanAndVariance(momentsOf(values))!;
    expect(result.mean).toBeCloseTo(mean, 9);
    expect(result.variance / variance).toBeCloseTo(1, 12);
  });
});
