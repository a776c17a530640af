import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal';

// Reference values: Abramowitz & Stegun table 26.1 / 26.5, extended with SciPy 1.17 `norm.ppf` / `norm.cdf`.
describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.8, 0.8416212335729143],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514729],
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.025, -1.959963984540054],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
    [1e-100, -21.273453560965322],
    [1e-300, -37.0470962993612],
  ])('Φ⁻¹(%s) = %s', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 13);
  });

  it('maps the ends to infinities and rejects probabilities outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });

  it('inverts the distribution function across the range', () => {
    for (let p = 0.0005; p < 1; p += 0.0137) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
  });
});

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [-1, 0.15865525393145707],
    [0.5, 0.6914624612740131],
    [3, 0.9986501019683699],
    [-5, 2.866515718791933e-7],
    [-10, 7.61985302416047e-24],
  ])('Φ(%s) = %s', (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(1e-12);
  });

  it('is continuous where the series hands over to the continued fraction', () => {
    expect(Math.abs(normalCdf(-3 - 1e-12) - normalCdf(-3 + 1e-12))).toBeLessThan(1e-14);
  });
});
