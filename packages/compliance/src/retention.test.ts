import { describe, expect, it } from 'vitest';
import { retainUntil, retentionCutoff } from './retention';

describe('retention in calendar years', () => {
  it.each([
    ['2026-12-05T00:00:00.000Z', 2, '2024-12-05T00:00:00.000Z'],
    ['2026-12-05T13:24:00.000Z', 6, '2020-12-05T13:24:00.000Z'],
    ['2027-03-01T00:00:00.000Z', 3, '2024-03-01T00:00:00.000Z'],
  ])('at %s, %i years back is %s, and retainUntil brings it back', (now, years, cutoff) => {
    expect(retentionCutoff(now, years)).toBe(cutoff);
    expect(retainUntil(cutoff, years)).toBe(now);
  });

  it('a case that ended on 29 February is past a one-year retention on 1 March', () => {
    expect(retainUntil('2028-02-29T10:00:00.000Z', 1)).toBe('2029-03-01T10:00:00.000Z');
  });
});
