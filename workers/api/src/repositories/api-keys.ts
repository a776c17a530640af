import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/client';
import { apiKeys } from '../db/schema';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** The one lookup every authenticated request makes: by hash, which is unique across tenants. */
export function findKeyByHash(db: Database, keyHash: string) {
  return db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).get();
}

/** Records use at most once per `minIntervalMs`: the guard makes concurrent requests write nothing extra. */
export function touchKey(db: Database, keyId: string, now: number, minIntervalMs: number) {
  return db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now - minIntervalMs))),
    );
}

export function listKeys(db: Database, tenantId: string) {
  return db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(desc(apiKeys.createdAt), apiKeys.id)
    .all();
}

export function findKey(db: Database, tenantId: string, keyId: string) {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId)))
    .get();
}

export function insertKey(db: Database, row: typeof apiKeys.$inferInsert) {
  return db.insert(apiKeys).values(row);
}

/** Revocation keeps the row (audit needs the key id) and is idempotent: a revoked key stays revoked at its first time. */
export function revokeKey(db: Database, tenantId: string, keyId: string, at: number) {
  return db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)));
}
