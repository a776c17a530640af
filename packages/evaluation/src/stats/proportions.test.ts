import { describe, expect, it } from 'vitest';
import { newcombeDifference, wilsonInterval } from './proportions';

describe('wilsonInterval', () => {
  // Newcombe (1998a) "Two-sided confidence intervals for the single proportion", Table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%s/%s → %s to %s', (successes, trials, lower, upper) => {
    const interval = wilsonInterval({ successes, trials });
    expect(interval?.lower).toBeCloseTo(lower, 4);
    expect(interval?.upper).toBeCloseTo(upper, 4);
  });

  it('is null without trials and rejects impossible counts', () => {
    expect(wilsonInterval({ successes: 0, trials: 0 })).toBeNull();
    expect(() => wilsonInterval({ successes: 3, trials: 2 })).toThrow(RangeError);
    expect(() => wilsonInterval({ successes: 1.5, trials: 2 })).toThrow(RangeError);
  });

  it('narrows as confidence falls', () => {
    const wide = wilsonInterval({ successes: 30, trials: 100 }, 0.99);
    const narrow = wilsonInterval({ successes: 30, trials: 100 }, 0.9);
    expect(wide!.upper - wide!.lower).toBeGreaterThan(narrow!.upper - narrow!.lower);
  });
});

describe('newcombeDifference', () => {
  // Newcombe (1998b) "Interval estimation for the difference between independent proportions",
  // Table II, method 10 (hybrid score). Example (a) is 56/70 − 48/80: difference 0.2000, 0.0524 to 0.3339.
  it.each([
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
    [5, 56, 0, 29, 0.0893, -0.0381, 0.1926],
    [0, 10, 0, 20, 0, -0.1611, 0.2775],
    [0, 10, 0, 10, 0, -0.2775, 0.2775],
    [10, 10, 0, 20, 1, 0.6791, 1],
    [10, 10, 0, 10, 1, 0.6075, 1],
  ])('%s/%s − %s/%s = %s, %s to %s', (a, n1, b, n2, estimate, lower, upper) => {
    const interval = newcombeDifference({ successes: a, trials: n1 }, { successes: b, trials: n2 });
    expect(interval?.estimate).toBeCloseTo(estimate, 4);
    expect(interval?.lower).toBeCloseTo(lower, 4);
    expect(interval?.upper).toBeCloseTo(upper, 4);
  });

  it('turns round when the groups swap', () => {
    const forward = newcombeDifference({ successes: 56, trials: 70 }, { successes: 48, trials: 80 })!;
    const backward = newcombeDifference({ successes: 48, trials: 80 }, { successes: 56, trials: 70 })!;
    expect(backward.lower).toBeCloseTo(-forward.upper, 14);
    expect(backward.upper).toBeCloseTo(-forward.lower, 14);
  });

  it('is null when a group is empty', () => {
    expect(newcombeDifference({ successes: 1, trials: 2 }, { successes: 0, trials: 0 })).toBeNull();
  });
});
