import { describe, expect, it } from 'vitest';
import { assignmentHash, fmix32, fnv1a32 } from './hash';

describe('fnv1a32', () => {
  // Test vectors of the FNV reference (draft-eastlake-fnv, isthe.com/chongo/tech/comp/fnv).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('FNV-1a 32 of %j is %i', (text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    // Computed independently with Python: fnv1a32('é中😀'.encode('utf-8')).
    expect(fnv1a32('é中😀')).toBe(0xf1445ee5);
  });
});

describe('assignmentHash', () => {
  it('is FNV-1a followed by fmix32', () => {
    // Computed independently with Python from the published constants.
    expect(fmix32(0)).toBe(0);
    expect(assignmentHash('a')).toBe(0x1a80b1b3);
    expect(assignmentHash('foobar')).toBe(0x0c0da6dc);
  });

  // χ² over 10 equal bins with 9 degrees of freedom; 27.88 is its 0.999 quantile.
  function chiSquare(hash: (text: string) => number): number {
    const bins = Array.from({ length: 10 }, () => 0);
    for (let i = 0; i < 10_000; i++) {
      const bin = Math.floor((hash(`salt\u001fM1\u001fcase-${String(i).padStart(6, '0')}`) / 2 ** 32) * 10);
      bins[bin]! += 1;
    }
    return bins.reduce((sum, count) => sum + (count - 1000) ** 2 / 1000, 0);
  }

  it('spreads sequential case ids evenly, which FNV-1a alone does not', () => {
    expect(chiSquare(assignmentHash)).toBeLessThan(27.88);
    expect(chiSquare(fnv1a32)).toBeGreaterThan(27.88);
  });
});
