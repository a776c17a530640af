import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal';
import { logGamma, regularizedIncompleteBeta, studentTCdf, studentTQuantile } from './student-t';

describe('studentTQuantile', () => {
  // Printed t tables (e.g. Abramowitz & Stegun table 26.10) to four decimals.
  it.each([
    [0.975, 1, 12.7062],
    [0.975, 2, 4.3027],
    [0.975, 3, 3.1824],
    [0.975, 5, 2.5706],
    [0.975, 10, 2.2281],
    [0.975, 30, 2.0423],
    [0.975, 120, 1.9799],
    [0.95, 10, 1.8125],
    [0.995, 4, 4.6041],
  ])('t(%s; ν = %s) = %s as printed', (p, nu, printed) => {
    expect(studentTQuantile(p, nu)).toBeCloseTo(printed, 4);
  });

  // SciPy 1.17 `t.ppf` at full precision, including fractional ν as Welch produces.
  it.each([
    [0.975, 2.5, 3.5746548420036817],
    [0.975, 17.3, 2.1070320037534676],
    [0.6, 7, 0.2631668613520229],
    [1e-10, 3, -2225.769284683093],
  ])('t(%s; ν = %s) = %s to 1e-12 relative', (p, nu, expected) => {
    expect(Math.abs(studentTQuantile(p, nu) / expected - 1)).toBeLessThan(1e-12);
  });

  it('matches the closed forms for one and two degrees of freedom', () => {
    for (const p of [0.01, 0.2, 0.7, 0.99]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 12);
      expect(studentTCdf(studentTQuantile(p, 2), 2)).toBeCloseTo(p, 14);
    }
  });

  it('is symmetric and tends to the normal quantile', () => {
    expect(studentTQuantile(0.1, 6.5)).toBeCloseTo(-studentTQuantile(0.9, 6.5), 13);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(normalQuantile(0.975), 6);
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBe(normalQuantile(0.975));
  });

  it('inverts the distribution function', () => {
    for (const nu of [3, 4.2, 9, 41.7]) {
      for (let p = 0.003; p < 1; p += 0.0731)
        expect(studentTCdf(studentTQuantile(p, nu), nu)).toBeCloseTo(p, 13);
    }
  });

  it('rejects non-positive degrees of freedom', () => {
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});

describe('logGamma', () => {
  it.each([
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1, 0],
    [3, Math.log(2)],
    [10, Math.log(362880)],
    [100.5, 361.43554046777757],
  ])('ln Γ(%s) = %s', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 13);
  });
});

describe('regularizedIncompleteBeta', () => {
  // Closed forms: I_x(a, 1) = xᵃ, I_x(1, b) = 1 − (1 − x)ᵇ, and I_x(½, ½) = (2/π)·asin(√x).
  it.each([0.01, 0.3, 0.5, 0.77, 0.999])('matches the closed forms at x = %s', (x) => {
    expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 13);
    expect(regularizedIncompleteBeta(x, 1, 7)).toBeCloseTo(1 - (1 - x) ** 7, 13);
    expect(regularizedIncompleteBeta(x, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(x)), 13);
  });

  it('is 0 and 1 at the ends', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});
