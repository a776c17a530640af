import { describe, expect, it } from 'vitest';
import { bootstrapMeanDifference } from './bootstrap';
import { mulberry32 } from './prng';
import { momentsOf, welchDifference } from './welch';

function sample(seed: number, count: number, payProbability: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () =>
    random() < payProbability ? 1_000 + Math.floor(random() * 49_001) : 0,
  );
}

describe('bootstrapMeanDifference', () => {
  const visited = sample(1, 600, 0.31);
  const holdout = sample(2, 150, 0.25);

  it('is reproducible from its seed and moves with it', () => {
    const a = bootstrapMeanDifference(visited, holdout, { seed: 42, resamples: 200 });
    expect(bootstrapMeanDifference(visited, holdout, { seed: 42, resamples: 200 })).toEqual(a);
    expect(bootstrapMeanDifference(visited, holdout, { seed: 43, resamples: 200 })?.lower).not.toBe(a?.lower);
  });

  it('agrees with Welch on a sample this large', () => {
    const boot = bootstrapMeanDifference(visited, holdout, { seed: 7, resamples: 4000 })!;
    const welch = welchDifference(momentsOf(visited), momentsOf(holdout))!;
    expect(boot.estimate).toBeCloseTo(welch.estimate, 9);
    // Bootstrap limits wobble by a few percent of the width between seeds; 10 % is generous.
    const width = welch.upper - welch.lower;
    expect(Math.abs(boot.lower - welch.lower)).toBeLessThan(0.1 * width);
    expect(Math.abs(boot.upper - welch.upper)).toBeLessThan(0.1 * width);
  });

  it('collapses to a point when nothing varies, and is null for an empty group', () => {
    expect(bootstrapMeanDifference([5, 5, 5], [2, 2], { seed: 1, resamples: 100 })).toMatchObject({
      estimate: 3,
      lower: 3,
      upper: 3,
    });
    expect(bootstrapMeanDifference([], [1], { seed: 1 })).toBeNull();
    expect(() => bootstrapMeanDifference([1], [1], { seed: 1, resamples: 10 })).toThrow(RangeError);
  });
});
