import type { Id, IdPrefix, IdSource } from '../ids/ids';

/** `cus_000001`, `cus_000002`, … one counter per prefix: readable, stable ids for tests and replays. */
export const sequentialIds = (): IdSource => {
  const counters = new Map<string, number>();
  return {
    next<P extends IdPrefix>(prefix: P): Id<P> {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}_${String(n).padStart(6, '0')}`;
    },
  };
};
