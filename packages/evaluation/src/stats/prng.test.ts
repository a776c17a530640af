import { describe, expect, it } from 'vitest';
import { mulberry32 } from './prng';

describe('mulberry32', () => {
  it('repeats its stream for a seed and stays in [0, 1) with mean ½', () => {
    const a = mulberry32(2026);
    const b = mulberry32(2026);
    const draws = Array.from({ length: 20_000 }, () => a());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    // Mean of 20 000 uniforms: standard error 0.002.
    expect(Math.abs(draws.reduce((s, x) => s + x, 0) / draws.length - 0.5)).toBeLessThan(0.008);
    expect(mulberry32(2027)()).not.toBe(mulberry32(2026)());
  });
});
