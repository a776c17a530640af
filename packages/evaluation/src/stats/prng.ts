/**
 * mulberry32: a 32-bit seeded generator returning numbers in [0, 1). Enough for bootstrap resampling and
 * simulations, small enough to read, and the same stream for the same seed on every platform. Not for
 * anything an adversary could exploit.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
