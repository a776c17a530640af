import { and, desc, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { apiKeys } from '../db/schema';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** The one lookup every authenticated request makes: by hash, which is unique across tenants. */
export function keyByHash(db: Database, keyHash: string) {
  return db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
}

export function findKeyByHash(db: Database, keyHash: string) {
  return keyByHash(db, keyHash).get();
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

const activeKey = (now: number) => sql`revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ${now})`;

/** A guard: the key is still unrevoked, so exactly one of concurrent rotations replaces it. */
export function keyIsUnrevoked(tenantId: string, keyId: string): SQL {
  return sql`EXISTS (SELECT 1 FROM api_keys WHERE tenant_id = ${tenantId} AND id = ${keyId} AND revoked_at IS NULL)`;
}

/**
 * A guard: revoking `keyId` leaves the tenant an active admin key — it is not an active admin key, or
 * another one is. Checked inside the revoking batch, so two admins revoking each other cannot both win.
 */
export function keepsAnAdmin(tenantId: string, keyId: string, now: number): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM api_keys WHERE tenant_id = ${tenantId} AND id = ${keyId} AND role = 'admin' AND ${activeKey(now)})
    OR EXISTS (SELECT 1 FROM api_keys WHERE tenant_id = ${tenantId} AND id <> ${keyId} AND role = 'admin' AND ${activeKey(now)})`;
}
