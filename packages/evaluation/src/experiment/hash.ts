/**
 * The assignment hash: 32-bit FNV-1a over the UTF-8 bytes of the input, followed by MurmurHash3's
 * `fmix32` finaliser.
 *
 * FNV-1a is tiny, public-domain and specified byte by byte (draft-eastlake-fnv), so an auditor can recompute
 * any assignment in a spreadsheet or a few lines of any language. On its own its top bits barely move
 * when only the last character changes, and case ids are often sequential (`case-000123`), which skews
 * the draw; `fmix32` is a bijection that spreads every input bit over the whole word, so it fixes the
 * spread without adding collisions.
 */
export function assignmentHash(text: string): number {
  return fmix32(fnv1a32(text));
}

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Encodes UTF-8 inline: library code has no `TextEncoder` in its types (`types: []`), and simulations
 * hash millions of ids, where a byte array per call would cost more than the hash itself.
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code < 0x80) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      continue;
    }
    if (code < 0x800) {
      hash = Math.imul(hash ^ (0xc0 | (code >> 6)), FNV_PRIME);
    } else if (code < 0x10000) {
      hash = Math.imul(hash ^ (0xe0 | (code >> 12)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), FNV_PRIME);
    } else {
      hash = Math.imul(hash ^ (0xf0 | (code >> 18)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((code >> 12) & 0x3f)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), FNV_PRIME);
      // An astral code point spans two UTF-16 units.
      i++;
    }
    hash = Math.imul(hash ^ (0x80 | (code & 0x3f)), FNV_PRIME);
  }
  return hash >>> 0;
}

export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
