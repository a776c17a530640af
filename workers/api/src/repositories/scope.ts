import { and, eq, type SQL, sql } from 'drizzle-orm';
import { agents, cases, customers, visits } from '../db/schema';
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
      return and(
        tenant,
        sql`EXISTS (SELECT 1 FROM visits v WHERE v.tenant_id = ${auth.tenantId} AND v.case_id = ${cases.id}
          AND (v.lead_agent_id = ${auth.agentId ?? ''} OR EXISTS (SELECT 1 FROM json_each(v.agent_ids) WHERE json_each.value = ${auth.agentId ?? ''})))`,
      ) as SQL;
    default:
      return tenant;
  }
}

export function customerScope(auth: AuthContext): SQL {
  const tenant = eq(customers.tenantId, auth.tenantId);
  if (auth.role !== 'agency' && auth.role !== 'agent') return tenant;
  return and(
    tenant,
    sql`EXISTS (SELECT 1 FROM cases WHERE ${caseScope(auth)} AND cases.customer_id = ${customers.id})`,
  ) as SQL;
}

export function visitScope(auth: AuthContext): SQL {
  const tenant = eq(visits.tenantId, auth.tenantId);
  switch (auth.role) {
    case 'agent':
      // Field visits are often made in pairs (two staff in China): every agent of the team sees the visit.
      return and(
        tenant,
        sql`(${visits.leadAgentId} = ${auth.agentId ?? ''} OR EXISTS (SELECT 1 FROM json_each(${visits.agentIds}) WHERE json_each.value = ${auth.agentId ?? ''}))`,
      ) as SQL;
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
