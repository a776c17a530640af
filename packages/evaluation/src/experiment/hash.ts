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
 * Encodes UTF-8 inline because library code has no `TextEncoder` in its types (`types: []`) and a
 * byte generator would cost more than the hash itself.
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  const add = (byte: number) => {
    hash = Math.imul(hash ^ byte, FNV_PRIME);
  };
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) add(code);
    else if (code < 0x800) {
      add(0xc0 | (code >> 6));
      add(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      add(0xe0 | (code >> 12));
      add(0x80 | ((code >> 6) & 0x3f));
      add(0x80 | (code & 0x3f));
    } else {
      add(0xf0 | (code >> 18));
      add(0x80 | ((code >> 12) & 0x3f));
      add(0x80 | ((code >> 6) & 0x3f));
      add(0x80 | (code & 0x3f));
    }
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
