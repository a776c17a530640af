import type { GroupKey, KpiDefinition, KpiResult } from './kpi';

export type GroupValues = Partial<Record<GroupKey, string>>;

export interface KpiTableRow<Result extends KpiResult = KpiResult> {
  group: GroupValues;
  result: Result;
}

/** A KPI broken down by some of its group keys; the same shape whether rows came from SQL or from code. */
export interface KpiTable<Result extends KpiResult = KpiResult> {
  definitionId: string;
  groupBy: readonly GroupKey[];
  rows: readonly KpiTableRow<Result>[];
}

/**
 * Builds a table from results already computed per group (the worker's path after `GROUP BY`), checking
 * that every row is of this KPI and names exactly the requested keys. Rows are sorted by their group values
 * so exports are stable.
 */
export function kpiTable<Result extends KpiResult>(
  definition: KpiDefinition,
  groupBy: readonly GroupKey[],
  rows: readonly KpiTableRow<Result>[],
): KpiTable<Result> {
  const unsupported = groupBy.filter((key) => !definition.groupBy.includes(key));
  if (unsupported.length > 0)
    throw new RangeError(`${definition.id} cannot be grouped by ${unsupported.join(', ')}`);
  for (const row of rows) {
    if (row.result.definitionId !== definition.id) {
      throw new RangeError(`a ${row.result.definitionId} result in the ${definition.id} table`);
    }
    const keys = Object.keys(row.group);
    if (keys.length !== groupBy.length || !groupBy.every((key) => row.group[key] !== undefined)) {
      throw new RangeError(`group ${JSON.stringify(row.group)} does not match keys ${groupBy.join(', ')}`);
    }
  }
  const sortKey = (row: KpiTableRow<Result>) => groupBy.map((key) => row.group[key]!);
  const sorted = [...rows].sort((a, b) => compareTuples(sortKey(a), sortKey(b)));
  return { definitionId: definition.id, groupBy: [...groupBy], rows: sorted };
}

function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}

/**
 * The reference path: partitions unit-level facts by the chosen keys and computes each group with the
 * same aggregate-then-finish functions the worker uses, so both paths can be compared row by row.
 * `compute` may return several results per group (the roll-rate matrix).
 */
export function tabulate<Fact, Result extends KpiResult>(options: {
  definition: KpiDefinition;
  facts: readonly Fact[];
  groupBy: Partial<Record<GroupKey, (fact: Fact) => string>>;
  compute: (facts: readonly Fact[]) => Result | readonly Result[];
}): KpiTable<Result> {
  const keys = (Object.keys(options.groupBy) as GroupKey[]).filter(
    (key) => options.groupBy[key] !== undefined,
  );
  const groups = new Map<string, { group: GroupValues; facts: Fact[] }>();
  for (const fact of options.facts) {
    const group: GroupValues = {};
    for (const key of keys) group[key] = options.groupBy[key]!(fact);
    const id = JSON.stringify(keys.map((key) => group[key]));
    const entry = groups.get(id) ?? { group, facts: [] };
    entry.facts.push(fact);
    groups.set(id, entry);
  }
  // With no keys the whole population is one group, even when it is empty, so a 0 denominator still shows.
  if (keys.length === 0 && groups.size === 0) groups.set('[]', { group: {}, facts: [] });
  const rows = [...groups.values()].flatMap(({ group, facts }) => {
    const computed = options.compute(facts);
    return (Array.isArray(computed) ? computed : [computed]).map((result: Result) => ({ group, result }));
  });
  return kpiTable(options.definition, keys, rows);
}

type Cell = string | number | boolean | null;

/** Flattens each row into named cells: group keys first, then result fields, nested ones as `counts.3`. */
export function kpiTableRecords(table: KpiTable): { columns: string[]; records: Record<string, Cell>[] } {
  const columns: string[] = [...table.groupBy];
  const records = table.rows.map((row) => {
    const record: Record<string, Cell> = {};
    for (const key of table.groupBy) record[key] = row.group[key] ?? null;
    flattenInto(record, '', row.result);
    for (const column of Object.keys(record)) if (!columns.includes(column)) columns.push(column);
    return record;
  });
  return { columns, records };
}

function flattenInto(record: Record<string, Cell>, prefix: string, value: object): void {
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix + key;
    if (inner !== null && typeof inner === 'object') flattenInto(record, `${name}.`, inner);
    else record[name] = inner as Cell;
  }
}

/**
 * RFC 4180 CSV: CRLF line ends, fields with a comma, quote, CR or LF are quoted and quotes doubled; `null`
 * is an empty field. Text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe so a
 * spreadsheet shows it instead of running it as a formula (OWASP CSV injection); numbers are left alone.
 */
export function renderKpiTableCsv(table: KpiTable): string {
  const { columns, records } = kpiTableRecords(table);
  const lines = [
    columns.map(csvField),
    ...records.map((record) => columns.map((c) => csvField(record[c] ?? null))),
  ];
  return `${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** JSON of the table as is: `null` values stay `null`, group values and results keep their types. */
export function renderKpiTableJson(table: KpiTable): string {
  return JSON.stringify(table);
}
