import { describe, expect, it } from 'vitest';
import { sampleSizeForTwoProportions } from './power';

describe('sampleSizeForTwoProportions', () => {
  it.each([
    // R: power.prop.test(p1 = 0.5, p2 = 0.75, power = 0.9) → n = 76.65
    [
      { baseline: 0.5, minimumDetectableEffect: 0.25, power: 0.9 },
      { control: 77, treated: 77 },
    ],
    // Hand: p̄ = 0.28, [1.95996·√(2·0.28·0.72) + 0.84162·√(0.1875 + 0.2139)]² / 0.06² = 877.3
    [
      { baseline: 0.25, minimumDetectableEffect: 0.06 },
      { control: 878, treated: 878 },
    ],
    // A 20 % holdout: four treated per control, fewer controls but more cases in total.
    [
      { baseline: 0.25, minimumDetectableEffect: 0.06, treatedPerControl: 4 },
      { control: 557, treated: 2226 },
    ],
  ])('%o → %o', (plan, expected) => {
    expect(sampleSizeForTwoProportions(plan)).toEqual(expected);
  });

  it('needs more cases for a smaller effect, a lower alpha or a higher power', () => {
    const base = { baseline: 0.3, minimumDetectableEffect: 0.05 };
    const n = sampleSizeForTwoProportions(base).control;
    expect(sampleSizeForTwoProportions({ ...base, minimumDetectableEffect: 0.04 }).control).toBeGreaterThan(
      n,
    );
    expect(sampleSizeForTwoProportions({ ...base, alpha: 0.01 }).control).toBeGreaterThan(n);
    expect(sampleSizeForTwoProportions({ ...base, power: 0.9 }).control).toBeGreaterThan(n);
  });

  it('rejects plans outside the unit interval', () => {
    expect(() => sampleSizeForTwoProportions({ baseline: 0.98, minimumDetectableEffect: 0.05 })).toThrow(
      RangeError,
    );
    expect(() => sampleSizeForTwoProportions({ baseline: 0.3, minimumDetectableEffect: 0 })).toThrow(
      RangeError,
    );
  });
});
