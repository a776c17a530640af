import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { idempotencyKeys } from '../db/schema';

export interface IdempotencyScope {
  tenantId: string;
  apiKeyId: string;
  key: string;
}

const scoped = (s: IdempotencyScope) =>
  and(
    eq(idempotencyKeys.tenantId, s.tenantId),
    eq(idempotencyKeys.apiKeyId, s.apiKeyId),
    eq(idempotencyKeys.key, s.key),
  );

/** Claims the key for this request; `false` when another request already holds or finished it. */
export async function claimKey(db: Database, s: IdempotencyScope, requestHash: string, now: number) {
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ ...s, requestHash, state: 'in_flight', createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return inserted.length === 1;
}

export function findKeyRecord(db: Database, s: IdempotencyScope) {
  return db.select().from(idempotencyKeys).where(scoped(s)).get();
}

/** Takes over a claim whose holder died (its lease ran out); the guard on `created_at` lets one taker win. */
export async function reclaimStaleKey(
  db: Database,
  s: IdempotencyScope,
  staleCreatedAt: number,
  now: number,
) {
  const taken = await db
    .update(idempotencyKeys)
    .set({ createdAt: now })
    .where(
      and(scoped(s), eq(idempotencyKeys.state, 'in_flight'), eq(idempotencyKeys.createdAt, staleCreatedAt)),
    )
    .returning({ key: idempotencyKeys.key });
  return taken.length === 1;
}

export function completeKey(
  db: Database,
  s: IdempotencyScope,
  response: { status: number; headers: Record<string, string>; body: string },
) {
  return db
    .update(idempotencyKeys)
    .set({
      state: 'done',
      responseStatus: response.status,
      responseHeaders: response.headers,
      responseBody: response.body,
    })
    .where(scoped(s));
}

export function releaseKey(db: Database, s: IdempotencyScope) {
  return db.delete(idempotencyKeys).where(and(scoped(s), eq(idempotencyKeys.state, 'in_flight')));
}
