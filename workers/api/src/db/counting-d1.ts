/**
 * The binding with `prepare` counted: drizzle prepares every statement it runs, batched or not, so the
 * count is the D1 statements run, which is what the Workers platform's per-invocation limit counts.
 */
export function countingD1(d1: D1Database, onStatement: () => void): D1Database {
  return new Proxy(d1, {
    get(target, property) {
      if (property === 'prepare')
        return (query: string) => {
          onStatement();
          return target.prepare(query);
        };
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
