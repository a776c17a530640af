import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newcombeDifference, type Proportion, wilsonInterval } from './proportions';

const proportion = fc
  .integer({ min: 1, max: 5_000 })
  .chain((trials) =>
    fc.record({ successes: fc.integer({ min: 0, max: trials }), trials: fc.constant(trials) }),
  );
const confidence = fc.constantFrom(0.8, 0.9, 0.95, 0.99);

describe('interval invariants', () => {
  it('Wilson stays inside [0, 1] and around its estimate', () => {
    fc.assert(
      fc.property(proportion, confidence, (p: Proportion, level) => {
        const interval = wilsonInterval(p, level)!;
        expect(interval.lower).toBeGreaterThanOrEqual(0);
        expect(interval.upper).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(interval.estimate);
        expect(interval.upper).toBeGreaterThanOrEqual(interval.estimate);
      }),
    );
  });

  it('Newcombe stays inside [−1, 1], around its estimate, and mirrors when the groups swap', () => {
    fc.assert(
      fc.property(proportion, proportion, confidence, (a, b, level) => {
        const forward = newcombeDifference(a, b, level)!;
        const backward = newcombeDifference(b, a, level)!;
        expect(forward.lower).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(forward.upper).toBeLessThanOrEqual(1 + 1e-12);
        expect(forward.lower).toBeLessThanOrEqual(forward.estimate + 1e-12);
        expect(forward.upper).toBeGreaterThanOrEqual(forward.estimate - 1e-12);
        expect(backward.lower).toBeCloseTo(-forward.upper, 12);
      }),
    );
  });
});
