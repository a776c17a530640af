/** Seeded uniform numbers in [0, 1): SFC32, small state and fast with 32-bit integer arithmetic. */
export type Rng = () => number;

export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Early outputs of SFC32 still carry the seed's structure.
  for (let i = 0; i < 12; i++) next();
  return next;
}
