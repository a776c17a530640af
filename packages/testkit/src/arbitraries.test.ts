import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerFlags } from './arbitraries';

describe('customerFlags', () => {
  it('sets each flag and each pause on about one customer in `oneIn`', () => {
    const samples = fc.sample(
      customerFlags({ oneIn: 10, pauseEnd: fc.constant('2026-05-07T00:00:00.000Z') }),
      {
        numRuns: 4000,
        seed: 7,
      },
    );
    const share = (set: (flags: (typeof samples)[number]) => boolean) =>
      samples.filter(set).length / samples.length;
    for (const set of [
      (f: (typeof samples)[number]) => f.deceased,
      (f: (typeof samples)[number]) => f.vulnerability !== null,
      (f: (typeof samples)[number]) => f.breathingSpaceUntil !== null,
    ])
      expect(share(set)).toBeCloseTo(0.1, 1);
  });
});
