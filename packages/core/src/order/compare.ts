/**
 * Code-unit order, the same in every runtime and locale — unlike `localeCompare` — so tie-breaks
 * between ids come out identically wherever a decision is replayed.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
