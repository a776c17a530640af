/**
 * A D1 binding that records D1's own `duration` and `rows_read` of every statement run through it, so a
 * benchmark can say what each report, job step or write cost in D1 time, statement by statement.
 */

export interface StatementTiming {
  sql: string;
  binds: unknown[];
  ms: number;
  rowsRead: number;
  rowsWritten: number;
}

const inner = Symbol('inner');
const text = Symbol('sql');

const values = Symbol('binds');

type Recorded = D1PreparedStatement & { [inner]: D1PreparedStatement; [text]: string; [values]: unknown[] };

export function recordingD1(db: D1Database, sink: StatementTiming[]): D1Database {
  const record = (sql: string, binds: unknown[], meta: D1Meta) =>
    sink.push({
      sql,
      binds,
      ms: meta.duration,
      rowsRead: meta.rows_read ?? 0,
      rowsWritten: meta.rows_written ?? 0,
    });
  const wrap = (statement: D1PreparedStatement, sql: string, binds: unknown[] = []): Recorded => {
    const recorded = {
      [inner]: statement,
      [text]: sql,
      [values]: binds,
      bind: (...bound: unknown[]) => wrap(statement.bind(...bound), sql, bound),
      async all<T>() {
        const result = await statement.all<T>();
        record(sql, binds, result.meta);
        return result;
      },
      async run<T>() {
        const result = await statement.run<T>();
        record(sql, binds, result.meta);
        return result;
      },
      async first<T>(column?: string) {
        const result = await statement.all<Record<string, unknown>>();
        record(sql, binds, result.meta);
        const row = result.results[0];
        if (row === undefined) return null;
        return (column === undefined ? row : row[column]) as T;
      },
      raw: (options?: { columnNames?: boolean }) => statement.raw(options as { columnNames: true }),
    };
    return recorded as unknown as Recorded;
  };
  return {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    async batch<T>(statements: D1PreparedStatement[]) {
      const results = await db.batch<T>(
        statements.map((statement) => (statement as Recorded)[inner] ?? statement),
      );
      results.forEach((result, i) => {
        const statement = statements[i] as Recorded;
        record(statement[text] ?? '(unrecorded statement)', statement[values] ?? [], result.meta);
      });
      return results;
    },
    exec: (query: string) => db.exec(query),
    dump: () => db.dump(),
    withSession: (constraint?: string) => db.withSession(constraint),
  } as D1Database;
}
