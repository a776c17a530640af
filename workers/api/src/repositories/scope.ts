import { and, type Column, eq, type SQL, sql } from 'drizzle-orm';
import { accounts, agents, cases, customers, visits } from '../db/schema';
import type { AuthContext } from '../http/app-env';

/**
 * Which rows a key may see, as a WHERE condition added to every query: the tenant always, then the
 * agency's own cases or the agent's own visits. A row outside the scope is simply not found (404), so
 * a key never learns that another agency's case exists.
 */
export function caseScope(auth: AuthContext): SQL {
  const tenant = eq(cases.tenantId, auth.tenantId);
  switch (auth.role) {
    case 'agency':
      return and(tenant, eq(cases.agencyId, auth.agencyId ?? '')) as SQL;
    case 'agent':
      // The unary + makes SQLite start from the agent's few visits, not walk the tenant's cases.
      return sql`+${cases.tenantId} = ${auth.tenantId} AND ${cases.id} IN (SELECT v.case_id FROM ${visitsOfAgent(auth)} va
        JOIN visits v ON v.tenant_id = va.tenant_id AND v.id = va.visit_id)`;
    default:
      return tenant;
  }
}

/** The visits an agent is on, lead or not, by the `visit_agents` key (kept from `agent_ids` by triggers). */
const visitsOfAgent = (auth: AuthContext): SQL =>
  sql`(SELECT tenant_id, visit_id FROM visit_agents WHERE tenant_id = ${auth.tenantId} AND agent_id = ${auth.agentId ?? ''})`;

/**
 * Rows that hang off cases (customers, accounts): the whole tenant for portfolio roles; for an agency
 * or an agent key, those with a case the key sees. `caseColumn` is the cases column that points at them.
 */
function scopeThroughCases(auth: AuthContext, tenant: SQL, caseColumn: SQL, id: Column): SQL {
  if (auth.role !== 'agency' && auth.role !== 'agent') return tenant;
  return and(
    tenant,
    sql`EXISTS (SELECT 1 FROM cases WHERE ${caseScope(auth)} AND ${caseColumn} = ${id})`,
  ) as SQL;
}

export function customerScope(auth: AuthContext): SQL {
  return scopeThroughCases(
    auth,
    eq(customers.tenantId, auth.tenantId) as SQL,
    sql.raw('cases.customer_id'),
    customers.id,
  );
}

/** An account is seen by a scoped key when one of its cases is. */
export function accountScope(auth: AuthContext): SQL {
  return scopeThroughCases(
    auth,
    eq(accounts.tenantId, auth.tenantId) as SQL,
    sql.raw('cases.account_id'),
    accounts.id,
  );
}

export function visitScope(auth: AuthContext): SQL {
  const tenant = eq(visits.tenantId, auth.tenantId);
  switch (auth.role) {
    case 'agent':
      // Field visits are often made in pairs (two staff in China): every agent of the team sees the visit.
      return sql`+${visits.tenantId} = ${auth.tenantId} AND ${visits.id} IN (SELECT va.visit_id FROM ${visitsOfAgent(auth)} va)`;
    case 'agency':
      return and(
        tenant,
        sql`EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = ${auth.tenantId} AND c.id = ${visits.caseId} AND c.agency_id = ${auth.agencyId ?? ''})`,
      ) as SQL;
    default:
      return tenant;
  }
}

export function agentScope(auth: AuthContext): SQL {
  const tenant = eq(agents.tenantId, auth.tenantId);
  switch (auth.role) {
    case 'agent':
      return and(tenant, eq(agents.id, auth.agentId ?? '')) as SQL;
    case 'agency':
      return and(tenant, eq(agents.agencyId, auth.agencyId ?? '')) as SQL;
    default:
      return tenant;
  }
}
