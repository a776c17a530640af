import { describe, expect, it } from 'vitest';
import { snapshots } from './portfolio.fixture';
import { bucketTransitions, countTransitions, rollRateMatrix } from './roll-rate';

describe('roll-rate matrix 31 Oct → 30 Nov', () => {
  // B M1 → M1 (5 dpd), E M1 → current (closed paid), C M2 → M3, D M6+ → M6+.
  const matrix = rollRateMatrix(countTransitions(bucketTransitions(snapshots, '2026-10-31', '2026-11-30')));
  const cell = (from: string, to: string) => matrix.find((c) => c.from === from && c.to === to);

  it.each([
    ['M1', 'current', 1, 2, 0.5],
    ['M1', 'M1', 1, 2, 0.5],
    ['M1', 'M2', 0, 2, 0],
    ['M2', 'M3', 1, 1, 1],
    ['M2', 'M2', 0, 1, 0],
    ['M3', 'M4', 0, 0, null],
    ['M5', 'M6+', 0, 0, null],
    ['M6+', 'M6+', 1, 1, 1],
  ])('%s → %s: %s / %s', (from, to, numerator, denominator, value) => {
    expect(cell(from, to)).toMatchObject({ definitionId: 'roll-rate', numerator, denominator, value });
  });

  it('has all 6 × 7 cells and every populated row sums to 1', () => {
    expect(matrix).toHaveLength(42);
    for (const from of ['M1', 'M2', 'M6+']) {
      const row = matrix.filter((c) => c.from === from);
      expect(row.reduce((sum, c) => sum + (c.value ?? 0), 0)).toBeCloseTo(1, 12);
    }
  });

  it('needs the first date before the second', () => {
    expect(() => bucketTransitions(snapshots, '2026-11-30', '2026-11-30')).toThrow(RangeError);
  });
});
