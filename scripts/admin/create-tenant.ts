/**
 * Creates a tenant with its first admin API key and an intake signing secret, in the local or the
 * remote D1. The key and the secret are printed once; only the key's hash is stored, and the secret is
 * stored sealed under the Worker's `INTAKE_SECRET_KEYS` (read from this process's environment; locally
 * the development key). Remote without it, the secret is stored in the clear and the Worker's cron
 * seals it within a minute. The tenant lives on `--shard` (one of `SHARDS` in wrangler.jsonc; the first,
 * the directory database, unless said): the directory learns its place and its key first, then its
 * rows are written there.
 *
 * Usage: [INTAKE_SECRET_KEYS=…] pnpm tsx scripts/admin/create-tenant.ts --name "Bank" --zone Asia/Shanghai \
 *          --currency CNY --jurisdiction cn [--shard DB_1] [--remote]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { generateApiKey, hashApiKey, visiblePrefixOf } from '@doorstep/api/auth/api-key';
import { intakeSecretContext, LOCAL_KEYS, parseKeyring, seal } from '@doorstep/api/secrets/secret-box';
import { isValidTimeZone } from '@doorstep/core';
import { executeD1 } from './d1-execute';
import { quote, readShards } from './shards';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    zone: { type: 'string' },
    currency: { type: 'string' },
    jurisdiction: { type: 'string' },
    shard: { type: 'string' },
    remote: { type: 'boolean', default: false },
  },
});

const problems: string[] = [];
if (!values.name) problems.push('--name is required');
if (!values.zone || !isValidTimeZone(values.zone))
  problems.push('--zone must be an IANA time zone, e.g. Asia/Shanghai');
if (!values.currency || !/^[A-Z]{3}$/.test(values.currency))
  problems.push('--currency must be an ISO 4217 code');
if (!values.jurisdiction || !['cn', 'us', 'in', 'uk'].includes(values.jurisdiction))
  problems.push('--jurisdiction must be one of cn, us, in, uk');
const shards = readShards();
const shard = values.shard ?? shards.directory;
if (!shards.names.includes(shard)) problems.push(`--shard must be one of ${shards.names.join(', ')}`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(2);
}

const suffix = randomBytes(10).toString('hex');
const tenantId = `ten_${suffix}`;
const adminKey = generateApiKey();
const intakeSecret = `whsec_${randomBytes(32).toString('base64')}`;
const now = Date.now();
const secretId = `whs_${suffix}`;
const keys = process.env.INTAKE_SECRET_KEYS ?? (values.remote ? undefined : LOCAL_KEYS);
const sealed = keys
  ? await seal(await parseKeyring(keys), intakeSecret, intakeSecretContext(tenantId, secretId))
  : null;
const secretInsert = sealed
  ? `INSERT INTO intake_secrets (id, tenant_id, ciphertext, key_id, created_at)
  VALUES (${quote(secretId)}, ${quote(tenantId)}, ${quote(sealed.ciphertext)}, ${quote(sealed.keyId)}, ${now});`
  : `INSERT INTO intake_secrets (id, tenant_id, secret, created_at)
  VALUES (${quote(secretId)}, ${quote(tenantId)}, ${quote(intakeSecret)}, ${now});`;
const keyHash = await hashApiKey(adminKey);
// The directory first: a placement without its rows names nothing, rows without a placement would be
// looked for in the directory database.
const directorySql = `
INSERT INTO directory_tenants (tenant_id, shard, state, updated_at) VALUES (${quote(tenantId)}, ${quote(shard)}, 'active', ${now});
INSERT INTO directory_keys (key_hash, tenant_id) VALUES (${quote(keyHash)}, ${quote(tenantId)});
`;
const sql = `
INSERT INTO tenants (id, name, time_zone, currency, jurisdiction, settings, created_at)
  VALUES (${quote(tenantId)}, ${quote(values.name!)}, ${quote(values.zone!)}, ${quote(values.currency!)}, ${quote(values.jurisdiction!)}, '{}', ${now});
INSERT INTO api_keys (id, tenant_id, name, key_hash, key_prefix, role, created_at)
  VALUES ('key_${suffix}', ${quote(tenantId)}, 'First admin', ${quote(keyHash)}, ${quote(visiblePrefixOf(adminKey))}, 'admin', ${now});
${secretInsert}
`;

const remote = values.remote ?? false;
for (const [text, binding] of [
  [directorySql, shards.directory],
  [sql, shard],
] as const) {
  const result = executeD1(text, { remote, binding });
  if (result.status !== 0) process.exit(result.status);
}

console.log(`
Tenant created: ${tenantId} (${values.name}, ${values.zone}, ${values.currency}, pack ${values.jurisdiction}) on ${shard}
Admin API key (shown once, store it now): ${adminKey}
Intake signing secret (give it to core banking): ${intakeSecret}
${sealed ? `Stored sealed under key ${sealed.keyId}.` : 'Stored in the clear until the Worker’s cron seals it (set INTAKE_SECRET_KEYS here to seal it now).'}
`);
