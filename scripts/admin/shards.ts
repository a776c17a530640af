/**
 * The admin scripts' view of the deployment's databases, read from the Worker's wrangler config as the
 * Worker reads it: `vars.SHARDS` lists the D1 bindings tenants live on, the first also holds the tenant
 * directory. A script writes a tenant's rows to its shard and directory rows to the directory database.
 */
import { readFileSync } from 'node:fs';
import { executeD1, wranglerConfigFile } from './d1-execute';

export interface Shards {
  /** Every shard's binding, in `SHARDS` order. */
  names: string[];
  /** The first shard: the directory database. */
  directory: string;
}

/** wrangler.jsonc without its comments (none of its strings holds `//` or `/*`). */
export function readShards(): Shards {
  const config = JSON.parse(
    readFileSync(wranglerConfigFile, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, ''),
  ) as { vars?: { SHARDS?: string[] }; d1_databases?: { binding: string }[] };
  const names = config.vars?.SHARDS ?? [];
  const bindings = new Set((config.d1_databases ?? []).map((database) => database.binding));
  const missing = names.filter((name) => !bindings.has(name));
  if (names.length === 0 || missing.length > 0)
    throw new Error(`wrangler.jsonc: SHARDS must name D1 bindings (${missing.join(', ') || 'none listed'})`);
  return { names, directory: names[0] as string };
}

export const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Runs one SELECT on a shard and returns its rows (wrangler's `--json` output, last statement). */
export function queryD1<T>(sql: string, options: { remote: boolean; binding: string }): T[] {
  const result = executeD1(sql, { ...options, json: true });
  if (result.status !== 0)
    throw new Error(`wrangler d1 execute ${options.binding} failed:\n${result.stdout}`);
  const parsed = JSON.parse(result.stdout) as { results?: T[] }[];
  return parsed.at(-1)?.results ?? [];
}

/** The shard the directory places the tenant on (the directory database when it has no row). */
export function shardOf(tenantId: string, shards: Shards, remote: boolean): string {
  const [row] = queryD1<{ shard: string }>(
    `SELECT shard FROM directory_tenants WHERE tenant_id = ${quote(tenantId)};`,
    { remote, binding: shards.directory },
  );
  return row?.shard ?? shards.directory;
}
