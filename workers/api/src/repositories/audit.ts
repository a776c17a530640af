import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Context } from 'hono';
import { auditLog } from '../db/schema';
import type { AppEnv } from '../http/app-env';

export interface AuditEntry {
  /** What happened, `<resource>.<verb>`, e.g. `visit.outcome-recorded`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** Why, when a human gave a reason (an override, a revocation). */
  reason?: string | null;
  data?: Record<string, unknown>;
}

/**
 * A write that must apply only while a row still has the version the client read. D1 runs a batch as
 * one transaction, so: every statement is conditioned on `holds`, and `commit` (the guarded version
 * bump) runs last; a concurrent writer that committed first makes all of ours no-ops.
 */
export interface VersionGuard {
  holds: SQL;
  commit: BatchItem<'sqlite'>;
}

/** `EXISTS(row with this version)` for a versioned table. */
export function versionHolds(
  table: 'visits' | 'agents' | 'repayment_plans',
  tenantId: string,
  id: string,
  version: number,
): SQL {
  return sql`EXISTS (SELECT 1 FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId} AND id = ${id} AND version = ${version})`;
}

function auditInsert(c: Context<AppEnv>, entry: AuditEntry, when: SQL | null): BatchItem<'sqlite'> {
  const { auth, services } = c.var;
  const row = {
    id: services.ports.newId('aud'),
    at: services.ports.now(),
    data: JSON.stringify({ requestId: c.get('requestId'), ...entry.data }),
  };
  return services.db.run(sql`INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, reason, data)
    SELECT ${row.id}, ${auth.tenantId}, ${row.at}, ${auth.keyId}, ${auth.role}, ${entry.action}, ${entry.subjectType}, ${entry.subjectId}, ${entry.reason ?? null}, ${row.data}
    WHERE ${when ?? sql`1`}`);
}

/**
 * Every write of the partner API goes through here: the writes and one append-only `audit_log` row
 * (who, when, what, why) in ONE `db.batch`, so there is no write without its audit row nor the reverse.
 * With a guard, `committed` tells whether this request won the race (else the caller answers 412).
 *
 * @example
 * const { committed } = await audited(c, { action: 'visit.checked-in', subjectType: 'visit', subjectId: id }, writes, guard);
 */
export async function audited(
  c: Context<AppEnv>,
  entry: AuditEntry,
  writes: BatchItem<'sqlite'>[],
  guard?: VersionGuard,
): Promise<{ committed: boolean }> {
  const statements: BatchItem<'sqlite'>[] = [...writes, auditInsert(c, entry, guard?.holds ?? null)];
  if (guard) statements.push(guard.commit);
  const [first, ...rest] = statements;
  if (!first) throw new Error('audited: nothing to write');
  const results = await c.var.services.db.batch([first, ...rest]);
  if (!guard) return { committed: true };
  const last = results.at(-1) as D1Result | unknown[];
  const changed = Array.isArray(last) ? last.length : last.meta.changes;
  return { committed: changed === 1 };
}

export interface AuditCursor {
  at: number;
  id: string;
}

/** Newest first, keyset on (at, id) over `audit_tenant_time_idx`. */
export function listAudit(
  c: Context<AppEnv>,
  filter: { subjectType?: string; subjectId?: string; limit: number; after: AuditCursor | null },
) {
  const { db } = c.var.services;
  const conditions = [eq(auditLog.tenantId, c.var.auth.tenantId)];
  if (filter.subjectType) conditions.push(eq(auditLog.subjectType, filter.subjectType));
  if (filter.subjectId) conditions.push(eq(auditLog.subjectId, filter.subjectId));
  if (filter.after) {
    const { at, id } = filter.after;
    const before = or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, id)));
    if (before) conditions.push(before);
  }
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit + 1)
    .all();
}
