import { type Column, type SQL, sql } from 'drizzle-orm';

/**
 * `column IN (…)` over a list bound as ONE JSON parameter: D1 takes at most 100 bound parameters per
 * statement, so a list of 100 refs plus the tenant would not fit as separate ones.
 */
export const inJsonList = (column: Column, values: readonly string[]): SQL =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
