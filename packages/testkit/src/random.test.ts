import { describe, expect, test } from 'vitest';
import { seededRandom } from './random';

describe('seededRandom', () => {
  test('same seed, same sequence; another seed, another sequence', () => {
    const draw = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  test.each([
    ['next', (s: number) => seededRandom(s).next(), 0.5, 0.02],
    ['int(1, 6)', (s: number) => seededRandom(s).int(1, 6), 3.5, 0.1],
    ['poisson(2)', (s: number) => seededRandom(s).poisson(2), 2, 0.1],
    ['normal', (s: number) => seededRandom(s).normal(), 0, 0.05],
  ])('%s has the expected mean over many seeds', (_name, draw, mean, tolerance) => {
    let sum = 0;
    const n = 5_000;
    for (let seed = 1; seed <= n; seed++) sum += draw(seed);
    expect(Math.abs(sum / n - mean)).toBeLessThan(tolerance);
  });

  test('int stays within bounds and weighted respects zero weights', () => {
    const r = seededRandom(1);
    for (let i = 0; i < 1_000; i++) {
      const v = r.int(3, 5);
      expect(v >= 3 && v <= 5 && Number.isInteger(v)).toBe(true);
      expect(
        r.weighted([
          ['never', 0],
          ['always', 1],
        ] as const),
      ).toBe('always');
    }
  });
});
