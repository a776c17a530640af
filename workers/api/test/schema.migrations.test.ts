/**
 * `src/db/schema.ts` (what drizzle queries) and `migrations/*.sql` (what D1 runs) are written by hand
 * side by side since migration 0020: this holds them to each other. Every table, column, nullability,
 * primary key and index (its columns, in order, and whether it is unique) the schema declares must be
 * what the migrated database has.
 */
import { env } from 'cloudflare:test';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema';

const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable =>
  is(value, SQLiteTable),
);

interface ColumnRow {
  name: string;
  notnull: number;
  pk: number;
}

describe('schema.ts and the migrations', () => {
  it('finds the tables to compare', () => {
    expect(tables.length).toBeGreaterThan(40);
  });

  it.each(tables.map((table) => [getTableConfig(table).name, table] as const))(
    '%s: the same columns, nullability, primary key and indexes',
    async (name, table) => {
      const config = getTableConfig(table);
      const { results: columns } = await env.DB.prepare(
        `SELECT name, "notnull", pk FROM pragma_table_info(?)`,
      )
        .bind(name)
        .all<ColumnRow>();
      const migrated = Object.fromEntries(
        columns.map((c) => [c.name, { notNull: c.notnull === 1 || c.pk > 0, primaryKey: c.pk > 0 }]),
      );
      const compositeKey = new Set(config.primaryKeys.flatMap((key) => key.columns.map((c) => c.name)));
      const declared = Object.fromEntries(
        config.columns.map((c) => [
          c.name,
          {
            notNull: c.notNull || c.primary || compositeKey.has(c.name),
            primaryKey: c.primary || compositeKey.has(c.name),
          },
        ]),
      );
      expect(migrated).toEqual(declared);

      const { results: indexes } = await env.DB.prepare(
        `SELECT list.name, list."unique",
           (SELECT json_group_array(coalesce(info.name, '?')) FROM (SELECT * FROM pragma_index_info(list.name)
              ORDER BY seqno) info) AS columns
         FROM pragma_index_list(?) list WHERE list.origin = 'c'`,
      )
        .bind(name)
        .all<{ name: string; unique: number; columns: string }>();
      const migratedIndexes = new Map(
        indexes.map((index) => [
          index.name,
          { unique: index.unique === 1, columns: JSON.parse(index.columns) as string[] },
        ]),
      );
      expect([...migratedIndexes.keys()].sort()).toEqual(
        config.indexes.map((index) => index.config.name).sort(),
      );
      for (const { config: index } of config.indexes) {
        const migratedIndex = migratedIndexes.get(index.name);
        // An expression (json_extract(…), `probability DESC`) is compared by its place only.
        const columns = index.columns.map((column, i) =>
          is(column, SQLiteColumn) ? column.name : (migratedIndex?.columns[i] ?? '?'),
        );
        expect(migratedIndex, index.name).toEqual({ unique: index.unique, columns });
      }
    },
  );
});
