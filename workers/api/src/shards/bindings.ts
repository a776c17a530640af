/**
 * The one module that turns D1 binding names into databases. `SHARDS` in wrangler.jsonc lists the
 * bindings tenants live on; the first one is also the directory database (the tenant directory, the
 * API-key index, moves and held intake). Everything else gets a database from here: a request or a job
 * through the tenant's placement (`placement.ts`), a cron sweep through `everyShard`. No other module
 * reads a shard binding from `env` — scripts/checks/database-access.test.ts fails the build if one does.
 */

/**
 * What a cron sweep or a queue job works on: one database, chosen by this module or the tenant's
 * placement, and the Worker's other bindings (the queue, R2, secrets).
 */
export interface ShardScope {
  env: Env;
  d1: D1Database;
}

export interface Shard {
  /** The binding's name, as `SHARDS` lists it and the directory stores it. */
  name: string;
  d1: D1Database;
}

const isD1 = (value: unknown): value is D1Database =>
  typeof value === 'object' && value !== null && 'prepare' in value && 'batch' in value;

export function shardNames(env: Env): readonly string[] {
  const names: unknown = env.SHARDS;
  if (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === 'string'))
    throw new Error('SHARDS (wrangler.jsonc vars) must list at least one D1 binding name');
  return names;
}

/** The shard that also holds the directory, and every tenant the directory has no row for. */
export function directoryShard(env: Env): string {
  return shardNames(env)[0] as string;
}

export function isShard(env: Env, name: string): boolean {
  return shardNames(env).includes(name);
}

/** A shard's database by name; a name `SHARDS` does not list, or a binding that is not a D1, is a deploy error. */
export function shardDatabase(env: Env, name: string): D1Database {
  if (!isShard(env, name)) throw new Error(`${name} is not one of SHARDS (${shardNames(env).join(', ')})`);
  const binding: unknown = (env as unknown as Record<string, unknown>)[name];
  if (!isD1(binding)) throw new Error(`SHARDS names ${name}, which is not a D1 binding of this Worker`);
  return binding;
}

export function directoryDatabase(env: Env): D1Database {
  return shardDatabase(env, directoryShard(env));
}

/** Every shard, for the cron sweeps that visit each database and for the health check. */
export function everyShard(env: Env): Shard[] {
  return shardNames(env).map((name) => ({ name, d1: shardDatabase(env, name) }));
}
