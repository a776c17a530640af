/**
 * The SQL that asks for a tenant's move, run against the directory database by
 * scripts/admin/move-tenant.ts (through `wrangler d1 execute`) and by the tests. The move starts from
 * wherever the directory says the tenant lives; the unique index on open moves refuses a second one.
 * The cron sends its first step within a minute.
 */

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

export interface MoveRequest {
  moveId: string;
  tenantId: string;
  /** The D1 binding to move to; one of `SHARDS`. */
  toShard: string;
  /** The first of `SHARDS`, where a tenant without a directory row lives. */
  directoryShard: string;
  drainMs: number;
  now: number;
}

export function requestMoveSql(request: MoveRequest): string {
  const tenant = quote(request.tenantId);
  return `INSERT INTO directory_moves (id, tenant_id, from_shard, to_shard, status, drain_ms, requested_at)
  SELECT ${quote(request.moveId)}, ${tenant},
    coalesce((SELECT shard FROM directory_tenants WHERE tenant_id = ${tenant}), ${quote(request.directoryShard)}),
    ${quote(request.toShard)}, 'requested', ${Math.max(0, Math.trunc(request.drainMs))}, ${Math.trunc(request.now)};`;
}

/** What the script polls: the move's status, its report (counts and checksums per table) and any error. */
export const moveStatusSql = (moveId: string) =>
  `SELECT id, tenant_id, from_shard, to_shard, status, report, error, requested_at, completed_at FROM directory_moves WHERE id = ${quote(moveId)};`;
