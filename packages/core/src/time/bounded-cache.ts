/**
 * Memo for pure time computations that batches repeat (the same days and zones for every case of
 * a screening run). Cleared wholesale when full: simpler than LRU and the working set is small.
 */
export const boundedCache = <V>(limit: number) => {
  const entries = new Map<string, V>();
  return (key: string, compute: () => V): V => {
    let value = entries.get(key);
    if (value === undefined) {
      if (entries.size >= limit) entries.clear();
      value = compute();
      entries.set(key, value);
    }
    return value;
  };
};
