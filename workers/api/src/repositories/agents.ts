import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { agents } from '../db/schema';
import type { AuthContext } from '../http/app-env';
import { agentScope } from './scope';

export type AgentRow = typeof agents.$inferSelect;

/** Keyset on id over `agents_tenant_idx (tenant_id, id)`. */
export function listAgents(db: Database, auth: AuthContext, page: { limit: number; after: string | null }) {
  const conditions = [agentScope(auth)];
  if (page.after !== null) conditions.push(gt(agents.id, page.after));
  return db
    .select()
    .from(agents)
    .where(and(...conditions))
    .orderBy(asc(agents.id))
    .limit(page.limit + 1)
    .all();
}

export function findAgent(db: Database, auth: AuthContext, agentId: string) {
  return db
    .select()
    .from(agents)
    .where(and(agentScope(auth), eq(agents.id, agentId)))
    .get();
}

export function insertAgent(db: Database, row: AgentRow) {
  return db.insert(agents).values(row);
}

export function updateAgent(
  db: Database,
  tenantId: string,
  agentId: string,
  version: number,
  set: Partial<AgentRow>,
) {
  return db
    .update(agents)
    .set({ ...set, version: version + 1 })
    .where(and(eq(agents.tenantId, tenantId), eq(agents.id, agentId), eq(agents.version, version)));
}

/** The tenant's active agents among `agentIds`, whatever the caller's scope (a supervisor staffing a visit). */
export function findActiveAgents(db: Database, tenantId: string, agentIds: readonly string[]) {
  return db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), eq(agents.active, true), inArray(agents.id, [...agentIds])))
    .all();
}
