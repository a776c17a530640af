/** What a counted database reports: every statement prepared, and (optionally) every round trip to D1. */
export interface D1Counters {
  onStatement: () => void;
  /** A statement run alone, or a whole batch: one trip each. */
  onRoundTrip?: () => void;
}

const RUNS = ['first', 'all', 'run', 'raw'] as const;

/**
 * A statement whose runs count as round trips; the statement itself (not a wrapper) is what a batch
 * is handed, so the counting is set on it, and on every statement `bind` derives from it.
 */
function countingStatement(statement: D1PreparedStatement, onRoundTrip: () => void): D1PreparedStatement {
  const methods = statement as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of RUNS) {
    const run = methods[name]?.bind(statement);
    if (run)
      methods[name] = (...args: unknown[]) => {
        onRoundTrip();
        return run(...args);
      };
  }
  const bind = statement.bind.bind(statement);
  methods.bind = (...values: unknown[]) => countingStatement(bind(...values), onRoundTrip);
  return statement;
}

/**
 * The binding with `prepare` counted: drizzle prepares every statement it runs, batched or not, so the
 * count is the D1 statements run, which is what the Workers platform's per-invocation limit counts.
 * With `onRoundTrip`, every trip to D1 (a statement run alone, or a batch) is counted too.
 */
export function countingD1(d1: D1Database, counters: D1Counters | (() => void)): D1Database {
  const { onStatement, onRoundTrip } = typeof counters === 'function' ? { onStatement: counters } : counters;
  return new Proxy(d1, {
    get(target, property) {
      if (property === 'prepare')
        return (query: string) => {
          onStatement();
          const statement = target.prepare(query);
          return onRoundTrip ? countingStatement(statement, onRoundTrip) : statement;
        };
      if (property === 'batch' && onRoundTrip)
        return (statements: D1PreparedStatement[]) => {
          onRoundTrip();
          return target.batch(statements);
        };
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
