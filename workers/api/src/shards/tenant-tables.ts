/**
 * The tables that hold a tenant's rows, read from the database itself rather than listed by hand, so a
 * table another change adds is moved, fenced and checked without anyone remembering to register it.
 * A tenant's rows are those whose `tenant_id` is the tenant; `tenants` keys the tenant by `id`, a
 * dead letter names its tenant inside the message body (the same expression its index uses), and the
 * rows of a built rollup (`cohort_rollups`, …) belong to the tenant of their `rollup_runs` row.
 */

export interface TenantTable {
  name: string;
  /** Every column, sorted by name: the order rows are read, copied and checksummed in. */
  columns: string[];
  /**
   * How a row names its tenant: a column, (dead letters) the `tenantId` of its JSON body, or (a built
   * rollup's rows) the tenant of the rollup run its `run_id` names.
   */
  tenantKey: 'tenant_id' | 'id' | 'body.tenantId' | 'run_id';
  /**
   * The primary key's columns of a `WITHOUT ROWID` table (the rollups), which has no rowid to walk:
   * its rows are walked in key order instead. `null` for an ordinary table.
   */
  withoutRowid: string[] | null;
  /** Written by another table's triggers: copied after those tables, replacing what the triggers made. */
  derived: boolean;
}

/** The SQL expression naming a row's tenant, for a trigger's row (`NEW`, `OLD`) or the table itself. */
export function tenantOf(table: Pick<TenantTable, 'tenantKey'>, row?: 'NEW' | 'OLD'): string {
  const on = row ? `${row}.` : '';
  if (table.tenantKey === 'body.tenantId') return `json_extract(${on}"body", '$.tenantId')`;
  if (table.tenantKey === 'run_id') return `(SELECT tenant_id FROM "rollup_runs" WHERE id = ${on}"run_id")`;
  return `${on}"${table.tenantKey}"`;
}

/** Bookkeeping that is not a tenant's data: the directory, the fences, migrations, SQLite's and D1's own. */
const NOT_TENANT_DATA = /^(directory_|shard_|sqlite_|_cf_|d1_migrations$)/;

/** Triggers installed by the move itself; they write nothing, so they make no table derived. */
export const FENCE_TRIGGER_PREFIX = 'shard_fence_';

export const quoteId = (name: string) => `"${name.replaceAll('"', '""')}"`;

function tenantKeyOf(
  table: string,
  columns: readonly string[],
  tables: ReadonlySet<string>,
): TenantTable['tenantKey'] | null {
  if (table === 'tenants') return 'id';
  if (table === 'dead_letters') return 'body.tenantId';
  if (columns.includes('tenant_id')) return 'tenant_id';
  return columns.includes('run_id') && tables.has('rollup_runs') ? 'run_id' : null;
}

/** Tables a trigger body writes to: `INSERT [OR …] INTO t`, `UPDATE [OR …] t`, `DELETE FROM t`. */
function writtenBy(triggerSql: string): string[] {
  const body = triggerSql.slice(triggerSql.search(/\bBEGIN\b/i));
  const writes = body.matchAll(
    /\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+(?:OR\s+\w+\s+)?|DELETE\s+FROM)\s*[`"[]?(\w+)/gi,
  );
  return [...writes].map((match) => match[1] as string);
}

/**
 * The tenant tables of a database in copy order: plain tables first, then the derived ones (written by
 * triggers, e.g. `visit_agents` from `visits`), each after the tables whose triggers write it.
 * `skipped` names tables that hold no tenant rows (global data), for the move's report.
 */
export async function tenantTables(d1: D1Database): Promise<{ tables: TenantTable[]; skipped: string[] }> {
  // D1 refuses to describe its own tables (`_cf_…`), so they are left out before `pragma_table_info`.
  const ours = `type = 'table' AND substr(name, 1, 4) <> '_cf_' AND substr(name, 1, 7) <> 'sqlite_'`;
  const [tableRows, columnRows, triggerRows] = await d1.batch<Record<string, string | number>>([
    d1.prepare(`SELECT name, sql FROM sqlite_master WHERE ${ours} ORDER BY name`),
    d1.prepare(
      `SELECT m.name AS tbl, p.name AS col, p.pk AS pk FROM (SELECT name FROM sqlite_master WHERE ${ours}) m,
         pragma_table_info(m.name) p ORDER BY m.name, p.name`,
    ),
    d1.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'`),
  ]);
  const columnsOf = new Map<string, string[]>();
  const keyOf = new Map<string, { col: string; pk: number }[]>();
  for (const row of columnRows?.results ?? []) {
    const tbl = row.tbl as string;
    columnsOf.set(tbl, [...(columnsOf.get(tbl) ?? []), row.col as string]);
    if (Number(row.pk) > 0)
      keyOf.set(tbl, [...(keyOf.get(tbl) ?? []), { col: row.col as string, pk: Number(row.pk) }]);
  }
  const names = new Set((tableRows?.results ?? []).map((row) => row.name as string));
  const writers = new Map<string, Set<string>>();
  for (const trigger of triggerRows?.results ?? []) {
    if ((trigger.name as string).startsWith(FENCE_TRIGGER_PREFIX)) continue;
    for (const written of writtenBy(trigger.sql as string))
      if (written !== trigger.tbl_name)
        writers.set(written, (writers.get(written) ?? new Set()).add(trigger.tbl_name as string));
  }

  const found = new Map<string, TenantTable>();
  const skipped: string[] = [];
  for (const { name, sql } of tableRows?.results ?? []) {
    if (NOT_TENANT_DATA.test(name as string)) continue;
    const columns = columnsOf.get(name as string) ?? [];
    const tenantKey = tenantKeyOf(name as string, columns, names);
    const key = (keyOf.get(name as string) ?? []).sort((a, b) => a.pk - b.pk).map((column) => column.col);
    if (!tenantKey) skipped.push(name as string);
    else
      found.set(name as string, {
        name: name as string,
        columns,
        tenantKey,
        withoutRowid: /\bWITHOUT\s+ROWID\b/i.test(String(sql)) ? key : null,
        derived: writers.has(name as string),
      });
  }

  // Depth-first: a derived table goes after every tenant table whose triggers write it.
  const ordered: TenantTable[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (table: TenantTable) => {
    if (placed.has(table.name)) return;
    if (visiting.has(table.name))
      throw new Error(`triggers write ${table.name} in a cycle; a move cannot order it`);
    visiting.add(table.name);
    for (const writer of writers.get(table.name) ?? []) {
      const source = found.get(writer);
      if (source) place(source);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    ordered.push(table);
  };
  // A built rollup's rows find their tenant through `rollup_runs`: they go first, so that clearing a
  // target and cleaning up a source delete them while the runs that name their tenant are still there.
  for (const table of found.values()) if (table.tenantKey === 'run_id') place(table);
  for (const table of found.values()) if (!table.derived) place(table);
  for (const table of found.values()) place(table);
  return { tables: ordered, skipped };
}
