/**
 * Adds an API key to an existing tenant, in the local or the remote D1: the way back in when a
 * tenant's admin keys are lost, and how an operator issues the first key of another role. The key is
 * printed once; only its hash is stored, with an audit row (`api-key.created`, actor `operator`), in the
 * database the tenant lives on, and the directory indexes it so requests with it find that database.
 *
 * Usage: pnpm tsx scripts/admin/create-key.ts --tenant ten_… --name "Ops admin" --role admin \
 *          [--agency agy_… | --agent agt_…] [--expires 2027-06-30T00:00:00Z] [--remote]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { generateApiKey, hashApiKey } from '@doorstep/api/auth/api-key';
import { executeD1 } from './d1-execute';
import { createKeySql, indexKeySql, keyCreated, keySpecOf } from './key-sql';
import { readShards, shardOf } from './shards';

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    agency: { type: 'string' },
    agent: { type: 'string' },
    expires: { type: 'string' },
    remote: { type: 'boolean', default: false },
  },
});

const now = Date.now();
const checked = keySpecOf(values, now);
if (!checked.ok) {
  console.error(checked.problems.join('\n'));
  process.exit(2);
}
const { spec } = checked;
const suffix = randomBytes(10).toString('hex');
const key = generateApiKey();
const sql = await createKeySql(spec, key, { keyId: `key_${suffix}`, auditId: `aud_${suffix}` }, now);

const remote = values.remote ?? false;
const shards = readShards();
const shard = shardOf(spec.tenantId, shards, remote);
const result = executeD1(sql, { remote, binding: shard, json: true });
if (result.status !== 0) {
  console.error(result.stdout);
  process.exit(result.status);
}
if (!keyCreated(result.stdout)) {
  const scope = spec.agentId ?? spec.agencyId;
  console.error(
    `No key created: tenant ${spec.tenantId}${scope ? ` or ${scope} in it` : ''} does not exist in ${shard}.`,
  );
  process.exit(1);
}
const indexed = executeD1(indexKeySql(await hashApiKey(key), spec.tenantId), {
  remote,
  binding: shards.directory,
});
if (indexed.status !== 0) {
  console.error(`The key was created in ${shard} but not indexed in the directory; run this script again.`);
  process.exit(indexed.status);
}

console.log(`
API key created: key_${suffix} (${spec.role}${(spec.agentId ?? spec.agencyId) ? `, ${spec.agentId ?? spec.agencyId}` : ''}) for tenant ${spec.tenantId}
Key (shown once, store it now): ${key}
`);
