import type { OutboundEvent } from '@doorstep/follow-up-engine';
import { and, desc, eq, inArray, is, lt, or, SQL, sql } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Context } from 'hono';
import { auditLog } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { announceStatements, dispatchDeliveries, type OutboundEventRows } from '../webhooks/outbox';

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
 * One statement of a batch: a raw D1 statement (as the follow-up scheduler hands them over), a drizzle
 * query builder, or a drizzle `sql` fragment.
 */
export type Write = D1PreparedStatement | SQL | { toSQL(): { sql: string; params: unknown[] } };

/**
 * A precondition for a whole batch, typically "the row still has the version the client read". D1
 * runs a batch as one transaction, so the batch first runs a statement that fails (and so rolls the
 * whole batch back) unless `holds` is true; no write of a losing request is ever applied.
 */
export interface VersionGuard {
  holds: SQL;
}

const dialect = new SQLiteAsyncDialect();

function prepared(d1: D1Database, write: Write): D1PreparedStatement {
  if (is(write, SQL)) {
    const query = dialect.sqlToQuery(write);
    return d1.prepare(query.sql).bind(...query.params);
  }
  if ('toSQL' in write) {
    const query = write.toSQL();
    return d1.prepare(query.sql).bind(...query.params);
  }
  return write;
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

/**
 * Fails with a NOT NULL violation on `audit_log.tenant_id` when `holds` is false: plain SQL has no
 * RAISE outside triggers, and a constraint error is the one failure a statement can be made to choose.
 */
function abortUnless(holds: SQL): SQL {
  return sql`INSERT INTO audit_log (id, tenant_id, at, actor_role, action, subject_type)
    SELECT 'guard', NULL, 0, 'guard', 'guard', 'guard' WHERE NOT (${holds})`;
}

const GUARD_FAILED = 'NOT NULL constraint failed: audit_log.tenant_id';

function auditInsert(c: Context<AppEnv>, entry: AuditEntry, onlyIf: SQL = sql`1`): SQL {
  const { auth, services } = c.var;
  const data = JSON.stringify({ requestId: c.get('requestId'), ...entry.data });
  return sql`INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, reason, data)
    SELECT ${services.ports.newId('aud')}, ${auth.tenantId}, ${services.ports.now()}, ${auth.keyId}, ${auth.role},
      ${entry.action}, ${entry.subjectType}, ${entry.subjectId}, ${entry.reason ?? null}, ${data}
    WHERE ${onlyIf}`;
}

/**
 * The audit row of a request as a statement of the caller's own batch, for the few writes that need
 * the batch's results (and so cannot go through `audited`); it commits or fails with them, and is
 * written only if `onlyIf` holds when it runs (e.g. the write before it changed a row).
 */
export function auditStatement(c: Context<AppEnv>, entry: AuditEntry, onlyIf?: SQL): D1PreparedStatement {
  return prepared(c.var.services.d1, auditInsert(c, entry, onlyIf));
}

/**
 * Every write of the partner API goes through here: the writes and one append-only `audit_log` row
 * (who, when, what, why) in ONE D1 batch, so there is never a write without its audit row nor the
 * reverse. With a guard, `committed` tells whether this request won the race (else answer 412).
 *
 * @example
 * const { committed } = await audited(c, { action: 'visit.checked-in', subjectType: 'visit', subjectId: id }, writes, guard);
 * if (!committed) throw staleVersion();
 */
export async function audited(
  c: Context<AppEnv>,
  entry: AuditEntry,
  writes: Write[],
  guard?: VersionGuard,
  /** Business events the writes make true: recorded in the same batch (the outbox), then dispatched. */
  events: readonly (OutboundEvent | OutboundEventRows)[] = [],
): Promise<BatchOutcome> {
  const { d1, ports } = c.var.services;
  const { tenantId } = c.var.auth;
  // The batch is all or nothing (and the version guard aborts all of it), so the events need no guard of their own.
  const announced = announceStatements(d1, ports, {
    tenantId,
    sourceId: entry.subjectId ?? c.get('requestId'),
    events,
    now: ports.now(),
    guard: { sql: '1', binds: [] },
  });
  const prefix = [...writes, auditInsert(c, entry)];
  const { committed, results } = await guardedBatch(d1, [...prefix, ...announced.statements], guard);
  if (committed && events.length > 0)
    await dispatchDeliveries(
      c.env.JOBS,
      tenantId,
      results,
      announced.deliveryStatementIndexes.map((i) => i + prefix.length),
    ).catch((error) =>
      // Deliveries stay leased in D1; the sweep re-sends them when the lease runs out.
      console.error(JSON.stringify({ action: entry.action, dispatch: (error as Error).name })),
    );
  return { committed, results };
}

/** Whether the batch won its guard, and then each write's result in the order given. */
export interface BatchOutcome {
  committed: boolean;
  results: D1Result[];
}

/**
 * One D1 batch, applied only if `guard` holds when it starts. For writes with no request behind them
 * (queue continuations of an audited request); request handlers use `audited`.
 */
export async function guardedBatch(
  d1: D1Database,
  writes: Write[],
  guard?: VersionGuard,
): Promise<BatchOutcome> {
  const statements = [...(guard ? [abortUnless(guard.holds)] : []), ...writes];
  try {
    const results = await d1.batch(statements.map((write) => prepared(d1, write)));
    return { committed: true, results: guard ? results.slice(1) : results };
  } catch (error) {
    if (guard && error instanceof Error && error.message.includes(GUARD_FAILED))
      return { committed: false, results: [] };
    throw error;
  }
}

export interface AuditCursor {
  at: number;
  id: string;
}

/** Newest first, keyset on (at, id) over `audit_tenant_time_idx`. */
export function listAudit(
  c: Context<AppEnv>,
  filter: {
    subjectType?: string;
    subjectId?: string;
    actions?: readonly string[];
    limit: number;
    after: AuditCursor | null;
  },
) {
  const { db } = c.var.services;
  const conditions = [eq(auditLog.tenantId, c.var.auth.tenantId)];
  if (filter.subjectType) conditions.push(eq(auditLog.subjectType, filter.subjectType));
  if (filter.actions?.length) conditions.push(inArray(auditLog.action, [...filter.actions]));
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
