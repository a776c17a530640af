/**
 * The checks and the SQL of `grant-access.ts`: who may sign in through Cloudflare Access, as which role
 * of which tenant. A role's scope follows the API key rules (`keySpecOf`), so a membership is exactly as
 * narrow as the key it stands in for.
 */
import type { Role } from '@doorstep/api/auth/roles';
import { keySpecOf, orNull, quote } from './key-sql';

export interface AccessArguments {
  tenant?: string | undefined;
  email?: string | undefined;
  role?: string | undefined;
  agency?: string | undefined;
  agent?: string | undefined;
}

export interface AccessGrant {
  tenantId: string;
  /** Lower-cased, as the worker compares the Access token's `email` claim. */
  email: string;
  role: Role;
  agencyId: string | null;
  agentId: string | null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

export function accessGrantOf(
  args: AccessArguments,
  now: number,
): { ok: true; grant: AccessGrant } | { ok: false; problems: string[] } {
  const email = args.email?.trim().toLowerCase() ?? '';
  const checked = keySpecOf(
    { tenant: args.tenant, name: email || 'x', role: args.role, agency: args.agency, agent: args.agent },
    now,
  );
  const problems = checked.ok ? [] : [...checked.problems];
  if (!EMAIL.test(email)) problems.push('--email must be the e-mail address Cloudflare Access signs in');
  if (!checked.ok || problems.length > 0) return { ok: false, problems };
  const { tenantId, role, agencyId, agentId } = checked.spec;
  return { ok: true, grant: { tenantId, email, role, agencyId, agentId } };
}

/** Grants (or re-grants, lifting a revocation) a membership, audited as the operator's act. */
export function grantAccessSql(grant: AccessGrant, auditId: string, now: number): string {
  const tenant = quote(grant.tenantId);
  const scope = [`EXISTS (SELECT 1 FROM tenants WHERE id = ${tenant})`];
  if (grant.agencyId !== null)
    scope.push(
      `EXISTS (SELECT 1 FROM agencies WHERE tenant_id = ${tenant} AND id = ${quote(grant.agencyId)})`,
    );
  if (grant.agentId !== null)
    scope.push(`EXISTS (SELECT 1 FROM agents WHERE tenant_id = ${tenant} AND id = ${quote(grant.agentId)})`);
  const data = JSON.stringify({ email: grant.email, role: grant.role, via: 'scripts/admin/grant-access.ts' });
  return `INSERT INTO access_members (email, tenant_id, role, agency_id, agent_id, created_at, revoked_at)
  SELECT ${quote(grant.email)}, ${tenant}, ${quote(grant.role)}, ${orNull(grant.agencyId)}, ${orNull(grant.agentId)}, ${now}, NULL
  WHERE ${scope.join(' AND ')}
  ON CONFLICT (email) DO UPDATE SET tenant_id = excluded.tenant_id, role = excluded.role,
    agency_id = excluded.agency_id, agent_id = excluded.agent_id, revoked_at = NULL;
INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, data)
  SELECT ${quote(auditId)}, ${tenant}, ${now}, NULL, 'operator', 'access-member.granted', 'access_member', ${quote(grant.email)}, ${quote(data)}
  WHERE EXISTS (SELECT 1 FROM access_members WHERE email = ${quote(grant.email)} AND tenant_id = ${tenant} AND revoked_at IS NULL);
SELECT COUNT(*) AS created FROM access_members WHERE email = ${quote(grant.email)} AND tenant_id = ${tenant} AND revoked_at IS NULL;
`;
}

/** Ends a membership; the row stays, revoked, for the audit trail. */
export function revokeAccessSql(email: string, auditId: string, now: number): string {
  const who = quote(email.trim().toLowerCase());
  return `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, data)
  SELECT ${quote(auditId)}, tenant_id, ${now}, NULL, 'operator', 'access-member.revoked', 'access_member', email, '{}'
  FROM access_members WHERE email = ${who} AND revoked_at IS NULL;
UPDATE access_members SET revoked_at = ${now} WHERE email = ${who} AND revoked_at IS NULL;
SELECT COUNT(*) AS created FROM access_members WHERE email = ${who} AND revoked_at IS NOT NULL;
`;
}
