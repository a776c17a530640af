import { eq } from 'drizzle-orm';
import { database } from '../db/client';
import { apiKeys, directoryKeys, directoryTenants } from '../db/schema';
import { findAccessMember } from '../repositories/access-members';
import { type ApiKeyRow, keyByHash } from '../repositories/api-keys';
import { directoryDatabase, directoryShard, everyShard, shardDatabase, shardNames } from './bindings';

/**
 * Where a tenant's rows are and what a move allows. `moving`: its rows are frozen on `shard` while a move
 * copies them — reads are served, writes refused (503), intake deliveries held, jobs deferred.
 * `replaying`: it is on its new `shard`; held deliveries are replayed first, so new ones still queue
 * behind them.
 */
export interface Placement {
  tenantId: string;
  shard: string;
  state: 'active' | 'moving' | 'replaying';
}

interface PlacementRow {
  tenant_id: string;
  shard: string | null;
  state: Placement['state'] | null;
}

/** A tenant without a directory row lives in the directory database, as every tenant did before shards. */
function placementOfRow(env: Env, row: PlacementRow): Placement {
  return {
    tenantId: row.tenant_id,
    shard: row.shard ?? directoryShard(env),
    state: row.state ?? 'active',
  };
}

export function placementStatement(directory: D1Database, tenantId: string): D1PreparedStatement {
  return directory
    .prepare(
      `SELECT ?1 AS tenant_id, d.shard, d.state FROM (SELECT 1) LEFT JOIN directory_tenants d ON d.tenant_id = ?1`,
    )
    .bind(tenantId);
}

/**
 * The tenant's placement: one point read of the directory, on its primary (a move changes it). With one
 * shard there is nowhere to move to and nothing to read: a one-database deployment pays no round trip
 * for the directory on intake or in jobs, as before shards existed.
 */
export async function placementOf(
  env: Env,
  tenantId: string,
  directory: D1Database = directoryDatabase(env),
): Promise<Placement> {
  if (shardNames(env).length === 1) return { tenantId, shard: directoryShard(env), state: 'active' };
  const row = await placementStatement(directory, tenantId).first<PlacementRow>();
  return placementOfRow(env, row ?? { tenant_id: tenantId, shard: null, state: null });
}

/**
 * The tenant of an API key hash with its placement, from the key index or from the directory
 * database's own `api_keys` (keys written before the index, or straight into it by a seed); and that
 * `api_keys` row, which is the key itself when the tenant lives in the directory database. One round
 * trip. `null`: no tenant has this key.
 */
export async function findKeyPlacement(
  env: Env,
  directory: D1Database,
  keyHash: string,
): Promise<{ placement: Placement; keyInDirectory: ApiKeyRow | undefined } | null> {
  const db = database(directory);
  const owners = db
    .select({ tenantId: directoryKeys.tenantId })
    .from(directoryKeys)
    .where(eq(directoryKeys.keyHash, keyHash))
    .union(db.select({ tenantId: apiKeys.tenantId }).from(apiKeys).where(eq(apiKeys.keyHash, keyHash)))
    .as('owners');
  const [placed, keysInDirectory] = await db.batch([
    db
      .select({ tenant_id: owners.tenantId, shard: directoryTenants.shard, state: directoryTenants.state })
      .from(owners)
      .leftJoin(directoryTenants, eq(directoryTenants.tenantId, owners.tenantId))
      .limit(2),
    keyByHash(db, keyHash),
  ]);
  // Two tenants for one hash cannot happen (hashes of 256 bits over 200 random ones); refuse, not guess.
  if (placed.length !== 1) return null;
  return { placement: placementOfRow(env, placed[0] as PlacementRow), keyInDirectory: keysInDirectory[0] };
}

/**
 * The active Access membership of a verified e-mail, with its tenant's placement. Memberships are tenant
 * rows (granted, audited and moved with the tenant, like its keys), so every shard's primary is asked at
 * once — one round trip of wall time — and the row is taken from the shard the directory places its
 * tenant on (during a move both databases hold it). `null`: no membership, or (a grant made on two
 * shards) two tenants for one person, which is refused rather than guessed.
 */
export async function findAccessPlacement(
  env: Env,
  email: string,
): Promise<{
  member: NonNullable<Awaited<ReturnType<typeof findAccessMember>>>;
  placement: Placement;
} | null> {
  const shards = everyShard(env);
  const found = await Promise.all(shards.map((shard) => findAccessMember(database(shard.d1), email)));
  const tenants = new Set(found.flatMap((member) => (member ? [member.tenantId] : [])));
  if (tenants.size !== 1) return null;
  const placement = await placementOf(env, [...tenants][0] as string);
  const member = found[shards.findIndex((shard) => shard.name === placement.shard)];
  return member ? { member, placement } : null;
}

/** The primary of the tenant's shard, for jobs and for reads that must not lag (the key lookup). */
export function placedDatabase(env: Env, placement: Placement): D1Database {
  return shardDatabase(env, placement.shard);
}

/** Records the tenant's key in the index, so a request with it finds the tenant wherever it lives. */
export function indexKeyStatement(directory: D1Database, keyHash: string, tenantId: string) {
  return directory
    .prepare('INSERT INTO directory_keys (key_hash, tenant_id) VALUES (?, ?) ON CONFLICT DO NOTHING')
    .bind(keyHash, tenantId);
}
