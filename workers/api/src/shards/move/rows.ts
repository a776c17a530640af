/**
 * Reading, writing and deleting one tenant's rows of one table in short statements. Rows are walked in
 * rowid windows: each statement looks at no more than `WINDOW` rowids of the table's own b-tree, so no
 * statement runs long however big the table or however few of its rows are the tenant's (the issue's
 * 100 ms rule), and a whole table costs one pass. The tenant test is written `+expr` so SQLite walks the
 * rowid range instead of an index on the tenant.
 *
 * A `WITHOUT ROWID` table (the rollups) has no rowid: its walk counts the tenant's rows instead, read in
 * primary-key order by offset (the tenant's rows are frozen while a move walks them, so the order is
 * stable). Those tables hold aggregates, a few rows per tenant, day and dimension, so the offsets stay small.
 */
import { quoteId, type TenantTable, tenantOf } from '../tenant-tables';

/** Rowids looked at per statement: a few milliseconds of D1 time. */
export const WINDOW = 10_000;
/** Rows read per statement, so a page of wide rows (inbox answers, batch chunks) stays a few MB. */
export const PAGE = 200;
/** A JSON array of rows bound to one insert stays well under D1's 2 MB string limit. */
const MAX_INSERT_JSON = 512 * 1024;

/**
 * Where a walk over one table stands: rowids up to `after` are done; `end` is the last rowid to visit
 * (for a `WITHOUT ROWID` table: rows of the tenant, in key order).
 */
export interface Walk {
  after: number;
  end: number;
}

/**
 * The table's highest rowid now: rows of the frozen tenant cannot appear above it. For a `WITHOUT ROWID`
 * table, the number of the tenant's rows.
 */
export async function lastRowid(d1: D1Database, table: TenantTable, tenantId: string): Promise<number> {
  const row = table.withoutRowid
    ? await d1
        .prepare(`SELECT count(*) AS last FROM ${quoteId(table.name)} WHERE ${tenantOf(table)} = ?`)
        .bind(tenantId)
        .first<{ last: number }>()
    : await d1
        .prepare(`SELECT coalesce(max(_rowid_), 0) AS last FROM ${quoteId(table.name)}`)
        .first<{ last: number }>();
  return row?.last ?? 0;
}

export async function hasRowsOf(d1: D1Database, table: TenantTable, tenantId: string): Promise<boolean> {
  const row = await d1
    .prepare(`SELECT 1 AS found FROM ${quoteId(table.name)} WHERE ${tenantOf(table)} = ? LIMIT 1`)
    .bind(tenantId)
    .first();
  return row !== null;
}

const windowEnd = (walk: Walk) => Math.min(walk.after + WINDOW, walk.end);

/**
 * The next page of the tenant's rows (values in column-name order) and where the walk goes on: after
 * the last row read when the page is full, else at the end of the window.
 */
export async function readPage(
  d1: D1Database,
  table: TenantTable,
  tenantId: string,
  walk: Walk,
): Promise<{ rows: unknown[][]; next: Walk }> {
  const columns = table.columns.map(quoteId).join(', ');
  if (table.withoutRowid) {
    const rows = await d1
      .prepare(
        `SELECT ${columns} FROM ${quoteId(table.name)} WHERE ${tenantOf(table)} = ?1
         ORDER BY ${table.withoutRowid.map(quoteId).join(', ')} LIMIT ?2 OFFSET ?3`,
      )
      .bind(tenantId, PAGE, walk.after)
      .raw();
    const after = rows.length === PAGE ? walk.after + PAGE : walk.end;
    return { rows, next: { after: Math.min(after, walk.end), end: walk.end } };
  }
  const [header, ...rows] = await d1
    .prepare(
      `SELECT _rowid_, ${columns} FROM ${quoteId(table.name)}
       WHERE _rowid_ > ?1 AND _rowid_ <= ?2 AND +${tenantOf(table)} = ?3 ORDER BY _rowid_ LIMIT ?4`,
    )
    .bind(walk.after, windowEnd(walk), tenantId, PAGE)
    .raw({ columnNames: true });
  if (!header) throw new Error(`no column names for ${table.name}`);
  const after = rows.length === PAGE ? Number(rows.at(-1)?.[0]) : windowEnd(walk);
  return { rows: rows.map((row) => row.slice(1)), next: { after, end: walk.end } };
}

/**
 * Inserts of `rows` into the table, as JSON arrays bound as one parameter each (D1 allows 100 bound
 * parameters a statement; a JSON array carries hundreds of rows). Values keep their type: JSON numbers
 * come back as integers or reals, strings as text, null as NULL.
 */
export function insertRows(
  d1: D1Database,
  table: TenantTable,
  rows: readonly unknown[][],
): D1PreparedStatement[] {
  const columns = table.columns.map(quoteId).join(', ');
  const values = table.columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ');
  const sql = `INSERT INTO ${quoteId(table.name)} (${columns}) SELECT ${values} FROM json_each(?1)`;
  const statements: D1PreparedStatement[] = [];
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length > 0) statements.push(d1.prepare(sql).bind(`[${chunk.join(',')}]`));
    chunk = [];
    size = 0;
  };
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (size + json.length > MAX_INSERT_JSON) flush();
    chunk.push(json);
    size += json.length + 1;
  }
  flush();
  return statements;
}

/** Deletes the tenant's rows in the walk's next window; returns the statement and where the walk goes on. */
export function deleteWindow(
  d1: D1Database,
  table: TenantTable,
  tenantId: string,
  walk: Walk,
): { statement: D1PreparedStatement; next: Walk } {
  const name = quoteId(table.name);
  if (table.withoutRowid) {
    // The tenant's first rows in key order each time: the ones before them are deleted already.
    const key = table.withoutRowid.map(quoteId).join(', ');
    return {
      statement: d1
        .prepare(
          `DELETE FROM ${name} WHERE (${key}) IN (SELECT ${key} FROM ${name} WHERE ${tenantOf(table)} = ?1 LIMIT ?2)`,
        )
        .bind(tenantId, WINDOW),
      next: { after: windowEnd(walk), end: walk.end },
    };
  }
  return {
    statement: d1
      .prepare(
        `DELETE FROM ${name} WHERE _rowid_ IN (SELECT _rowid_ FROM ${name}
           WHERE _rowid_ > ?1 AND _rowid_ <= ?2 AND +${tenantOf(table)} = ?3)`,
      )
      .bind(walk.after, windowEnd(walk), tenantId),
    next: { after: windowEnd(walk), end: walk.end },
  };
}

export const walkDone = (walk: Walk) => walk.after >= walk.end;
