import { describe, expect, it } from 'vitest';
import { auc, brier, calibrationSlope, ks } from './metrics';
import { stabilityRow } from './stability';

describe('metrics', () => {
  it('AUC counts ordered pairs, ties as half', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(auc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).toBe(0);
    // Pairs (defaulter, payer): a tie ½, one lower 0, two higher 1: 2.5 of 4.
    expect(auc([0, 1, 0, 1], [0.1, 0.1, 0.2, 0.3])).toBe(0.625);
  });

  it('KS is the widest gap between the score distributions, reading tied scores together', () => {
    expect(ks([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toEqual({ ks: 1, threshold: 0.3 });
    expect(ks([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]).ks).toBe(0);
  });

  it('Brier is the mean squared error of the probabilities', () => {
    expect(brier([1, 0], [0.75, 0.25])).toBeCloseTo(0.0625, 12);
  });

  it('calibration slope is 1 for outcomes drawn from the scores, below 1 when scores are over-confident', () => {
    // A deterministic "draw": for each score, outcomes in exactly that proportion.
    const y: number[] = [];
    const p: number[] = [];
    const over: number[] = [];
    for (let i = 1; i < 20; i++) {
      const q = i / 20;
      for (let k = 0; k < 100; k++) {
        y.push(k < q * 100 ? 1 : 0);
        p.push(q);
        const logit = Math.log(q / (1 - q)) * 2;
        over.push(1 / (1 + Math.exp(-logit)));
      }
    }
    expect(calibrationSlope(y, p)).toBeCloseTo(1, 2);
    expect(calibrationSlope(y, over)).toBeCloseTo(0.5, 2);
  });
});

describe('population stability index', () => {
  const baseline = { edges: [0.2, 0.5], shares: [0.25, 0.5, 0.25] };

  it('is 0 for the baseline distribution and grows with the shift', () => {
    const same = stabilityRow('x', baseline, [0.1, 0.3, 0.4, 0.9]);
    expect(same.psi).toBeCloseTo(0, 12);
    expect(same.level).toBe('stable');
    // 50/25/25 against 25/50/25: 0.25·ln 2 + 0.25·ln 2 ≈ 0.347.
    const moved = stabilityRow('x', baseline, [0.1, 0.15, 0.3, 0.9]);
    expect(moved.psi).toBeCloseTo(0.5 * Math.log(2), 12);
    expect(moved.level).toBe('shifted');
    expect(moved.bins).toEqual([
      { upTo: 0.2, expected: 0.25, actual: 0.5 },
      { upTo: 0.5, expected: 0.5, actual: 0.25 },
      { upTo: null, expected: 0.25, actual: 0.25 },
    ]);
  });

  it('puts a value equal to an edge in the lower bin, as the trainer did', () => {
    expect(stabilityRow('x', baseline, [0.2]).bins[0]?.actual).toBe(1);
  });

  it('says so when there is nothing to compare', () => {
    expect(stabilityRow('x', baseline, [])).toMatchObject({ psi: null, level: 'no-data' });
  });
});
