/**
 * `src/db/schema.ts` (what drizzle queries) and `migrations/*.sql` (what D1 runs) are written by hand
 * side by side since migration 0020: this holds them to each other. Every table, column, nullability,
 * primary key and index the schema declares must be what the migrated database has.
 */
import { env } from 'cloudflare:test';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
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
        `SELECT name FROM pragma_index_list(?) WHERE origin = 'c'`,
      )
        .bind(name)
        .all<{ name: string }>();
      const declaredIndexes = config.indexes.map((index) => index.config.name).sort();
      expect(indexes.map((index) => index.name).sort()).toEqual(declaredIndexes);
    },
  );
});
