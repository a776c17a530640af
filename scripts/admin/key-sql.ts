/**
 * The checks and the SQL of `create-key.ts`, apart from the command line so a test can run the SQL
 * against a real D1 and check the arguments without spawning wrangler.
 */
import { hashApiKey, KeyNameSchema, keyExpirySchema, visiblePrefixOf } from '@doorstep/api/auth/api-key';
import { ROLES, type Role } from '@doorstep/api/auth/roles';

export interface KeyArguments {
  tenant?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  agency?: string | undefined;
  agent?: string | undefined;
  expires?: string | undefined;
}

export interface KeySpec {
  tenantId: string;
  name: string;
  role: Role;
  /** An agency key's agency; an agent key takes its agent's agency from the agent row. */
  agencyId: string | null;
  agentId: string | null;
  expiresAt: number | null;
}

const ID = /^[a-z]+_[A-Za-z0-9_-]{1,60}$/;

/** The same rules as `POST /v1/api-keys`: the role's scope is named, the name is clean text, the expiry sane. */
export function keySpecOf(
  args: KeyArguments,
  now: number,
): { ok: true; spec: KeySpec } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!args.tenant || !ID.test(args.tenant)) problems.push('--tenant must be a tenant id, e.g. ten_3kq9…');
  const name = KeyNameSchema.safeParse(args.name ?? '');
  if (!name.success) problems.push(`--name: ${name.error.issues[0]?.message ?? 'invalid'}`);
  const role = ROLES.find((candidate) => candidate === args.role);
  if (!role) problems.push(`--role must be one of ${ROLES.join(', ')}`);
  if (role === 'agency' && !args.agency) problems.push('--agency is required for an agency key');
  if (role === 'agent' && !args.agent) problems.push('--agent is required for an agent key');
  if (args.agency && role !== 'agency') problems.push('--agency is only for an agency key');
  if (args.agent && role !== 'agent') problems.push('--agent is only for an agent key');
  for (const [flag, id] of [
    ['--agency', args.agency],
    ['--agent', args.agent],
  ] as const)
    if (id !== undefined && !ID.test(id)) problems.push(`${flag} must be an id`);
  const expiry = args.expires === undefined ? null : keyExpirySchema(() => now).safeParse(args.expires);
  if (expiry && !expiry.success) problems.push(`--expires: ${expiry.error.issues[0]?.message ?? 'invalid'}`);
  if (problems.length > 0 || !role || !name.success) return { ok: false, problems };
  return {
    ok: true,
    spec: {
      tenantId: args.tenant!,
      name: name.data,
      role,
      agencyId: args.agency ?? null,
      agentId: args.agent ?? null,
      expiresAt: expiry?.success ? Date.parse(expiry.data) : null,
    },
  };
}

export const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
export const orNull = (text: string | null) => (text === null ? 'NULL' : quote(text));

/**
 * Statements for `wrangler d1 execute`: the key, inserted only if the tenant (and the agency or agent
 * the key is scoped to) exists in it; its audit row, written only if the key was; and a last `SELECT`
 * of `created` (0 or 1), which the caller reads to tell the operator whether anything was created
 * (wrangler's local `--file` output carries no change counts).
 */
export async function createKeySql(
  spec: KeySpec,
  key: string,
  ids: { keyId: string; auditId: string },
  now: number,
): Promise<string> {
  const tenant = quote(spec.tenantId);
  const scope = [`EXISTS (SELECT 1 FROM tenants WHERE id = ${tenant})`];
  if (spec.agencyId !== null)
    scope.push(
      `EXISTS (SELECT 1 FROM agencies WHERE tenant_id = ${tenant} AND id = ${quote(spec.agencyId)})`,
    );
  if (spec.agentId !== null)
    scope.push(`EXISTS (SELECT 1 FROM agents WHERE tenant_id = ${tenant} AND id = ${quote(spec.agentId)})`);
  const agencyId =
    spec.agentId === null
      ? orNull(spec.agencyId)
      : `(SELECT agency_id FROM agents WHERE tenant_id = ${tenant} AND id = ${quote(spec.agentId)})`;
  const data = JSON.stringify({ role: spec.role, via: 'scripts/admin/create-key.ts' });
  return `INSERT INTO api_keys (id, tenant_id, name, key_hash, key_prefix, role, agency_id, agent_id, created_at, expires_at)
  SELECT ${quote(ids.keyId)}, ${tenant}, ${quote(spec.name)}, ${quote(await hashApiKey(key))}, ${quote(visiblePrefixOf(key))},
    ${quote(spec.role)}, ${agencyId}, ${orNull(spec.agentId)}, ${now}, ${spec.expiresAt ?? 'NULL'}
  WHERE ${scope.join(' AND ')};
INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, data)
  SELECT ${quote(ids.auditId)}, ${tenant}, ${now}, NULL, 'operator', 'api-key.created', 'api_key', ${quote(ids.keyId)}, ${quote(data)}
  WHERE EXISTS (SELECT 1 FROM api_keys WHERE id = ${quote(ids.keyId)});
SELECT COUNT(*) AS created FROM api_keys WHERE id = ${quote(ids.keyId)};
`;
}

/** The directory's entry for a key, so a request with it finds the database its tenant lives on. */
export function indexKeySql(keyHash: string, tenantId: string): string {
  return `INSERT INTO directory_keys (key_hash, tenant_id) VALUES (${quote(keyHash)}, ${quote(tenantId)})
  ON CONFLICT DO NOTHING;\n`;
}

/** `wrangler d1 execute --json` prints one result per statement; the last one counts the key created. */
export function keyCreated(wranglerJson: string): boolean {
  const results = JSON.parse(wranglerJson) as { results?: { created?: number }[] }[];
  return results.at(-1)?.results?.[0]?.created === 1;
}
