import { and, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { deadLetters } from '../db/schema';

export type DeadLetterRow = typeof deadLetters.$inferSelect;

/** The sort key of dead letters in lists: newest first, ties by id. */
export type DeadLetterKey = [recordedAt: number, id: string];

/**
 * A dead letter belongs to the tenant its message names: every job message carries `tenantId`. A
 * body that could not be parsed names none and stays out of every tenant's view.
 */
const ofTenant = (tenantId: string): SQL =>
  sql`json_extract(${deadLetters.body}, '$.tenantId') = ${tenantId}`;

const STATES = {
  open: isNull(deadLetters.resolvedAt),
  replayed: isNotNull(deadLetters.resolvedAt),
} as const;
export type DeadLetterState = keyof typeof STATES;

export function listDeadLetters(
  db: Database,
  tenantId: string,
  filter: { state?: DeadLetterState },
  page: { limit: number; after: DeadLetterKey | null },
) {
  const conditions: (SQL | undefined)[] = [ofTenant(tenantId)];
  if (filter.state !== undefined) conditions.push(STATES[filter.state]);
  if (page.after !== null)
    conditions.push(
      sql`(${deadLetters.recordedAt}, ${deadLetters.id}) < (${page.after[0]}, ${page.after[1]})`,
    );
  return db
    .select()
    .from(deadLetters)
    .where(and(...conditions))
    .orderBy(desc(deadLetters.recordedAt), desc(deadLetters.id))
    .limit(page.limit + 1)
    .all();
}

export const deadLetterKeyOf = (row: DeadLetterRow): DeadLetterKey => [row.recordedAt, row.id];

export function findDeadLetter(db: Database, tenantId: string, id: string) {
  return db
    .select()
    .from(deadLetters)
    .where(and(ofTenant(tenantId), eq(deadLetters.id, id)))
    .get();
}

/** Holds while the letter has not been replayed: of two replays racing, one writes, the other is told. */
export function stillOpen(tenantId: string, id: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${deadLetters} WHERE ${eq(deadLetters.id, id)} AND ${ofTenant(tenantId)} AND ${isNull(deadLetters.resolvedAt)})`;
}

export function markReplayed(db: Database, id: string, at: number) {
  return db
    .update(deadLetters)
    .set({ resolvedAt: at })
    .where(and(eq(deadLetters.id, id), isNull(deadLetters.resolvedAt)));
}
