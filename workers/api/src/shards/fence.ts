import { FENCE_TRIGGER_PREFIX, quoteId, type TenantTable, tenantOf } from './tenant-tables';

/**
 * The fence that makes a move safe without trusting every writer to check the directory first: a row in
 * `shard_fences` freezes a tenant's rows in that database, and triggers on every tenant table refuse
 * any insert, update or delete of them (the whole batch rolls back, the caller sees this marker). A move
 * fences the source before it copies and the target until it switches; its own batches open the fence
 * in their first statement and close it in their last, and since a D1 batch is one transaction no other
 * writer ever sees it open. Requests and jobs are turned away earlier by the directory (503, held
 * intake, deferred jobs); the fence catches what was already under way, or forgot to ask.
 */
export const FENCE_MARKER = 'DOORSTEP_TENANT_MOVING';

/** Whether D1 refused a write because the tenant's rows are fenced for a move. */
export function isFenceError(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause)
    if (cause.message.includes(FENCE_MARKER)) return true;
  return false;
}

/**
 * SQL condition for the cron sweeps, which write across tenants: leave out the tenants fenced in this
 * database (their rows are frozen; the move's target picks their work up after the switch).
 */
export const unfenced = (tenantColumn = 'tenant_id') =>
  `${tenantColumn} NOT IN (SELECT tenant_id FROM shard_fences)`;

const frozen = (tenant: string) =>
  `EXISTS (SELECT 1 FROM shard_fences WHERE tenant_id = ${tenant} AND phase = 'frozen')`;

/** One trigger per table and operation; `IF NOT EXISTS` makes installing them again a no-op. */
function fenceTriggers(table: TenantTable): string[] {
  const on = quoteId(table.name);
  const refuse = `BEGIN SELECT RAISE(ABORT, '${FENCE_MARKER}'); END`;
  const name = (operation: string) => quoteId(`${FENCE_TRIGGER_PREFIX}${table.name}_${operation}`);
  return [
    `CREATE TRIGGER IF NOT EXISTS ${name('insert')} BEFORE INSERT ON ${on} WHEN ${frozen(tenantOf(table, 'NEW'))} ${refuse}`,
    `CREATE TRIGGER IF NOT EXISTS ${name('update')} BEFORE UPDATE ON ${on}
     WHEN ${frozen(tenantOf(table, 'OLD'))} OR ${frozen(tenantOf(table, 'NEW'))} ${refuse}`,
    `CREATE TRIGGER IF NOT EXISTS ${name('delete')} BEFORE DELETE ON ${on} WHEN ${frozen(tenantOf(table, 'OLD'))} ${refuse}`,
  ];
}

/**
 * Installs the fence triggers on every tenant table of a database. Idempotent, and repeated by every
 * move, so a table added (or rebuilt by a migration) since the last move is fenced too. Until a move
 * first fences a database it carries no triggers and its writes pay nothing; after, each written row
 * costs one primary-key probe of the (nearly always empty) `shard_fences`.
 */
export async function installFence(d1: D1Database, tables: readonly TenantTable[]): Promise<void> {
  await d1.batch(tables.flatMap(fenceTriggers).map((statement) => d1.prepare(statement)));
}

/** Opens, for one batch, the fence of `tenantId` in `d1`; `closeFence` must end the same batch. */
export const openFence = (d1: D1Database, tenantId: string) =>
  d1.prepare(`UPDATE shard_fences SET phase = 'open' WHERE tenant_id = ?`).bind(tenantId);

export const closeFence = (d1: D1Database, tenantId: string) =>
  d1.prepare(`UPDATE shard_fences SET phase = 'frozen' WHERE tenant_id = ?`).bind(tenantId);

/** The statements of one of the move's own writes to a fenced tenant, wrapped so they pass the fence. */
export function throughFence(
  d1: D1Database,
  tenantId: string,
  statements: readonly D1PreparedStatement[],
): D1PreparedStatement[] {
  return [openFence(d1, tenantId), ...statements, closeFence(d1, tenantId)];
}
