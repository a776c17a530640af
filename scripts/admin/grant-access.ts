/**
 * Lets a person sign in to the console through Cloudflare Access: maps the e-mail Access verifies to a
 * tenant and a Doorstep role (audited, actor `operator`), or ends that with --revoke. See docs/console.md.
 *
 * Usage: pnpm tsx scripts/admin/grant-access.ts --tenant ten_… --email lin@bank.example --role supervisor \
 *          [--agency agy_… | --agent agt_…] [--remote]
 *        pnpm tsx scripts/admin/grant-access.ts --revoke --email lin@bank.example [--remote]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { accessGrantOf, grantAccessSql, revokeAccessSql } from './access-sql';
import { executeD1 } from './d1-execute';
import { keyCreated } from './key-sql';
import { readShards, shardOf } from './shards';

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
    agency: { type: 'string' },
    agent: { type: 'string' },
    revoke: { type: 'boolean', default: false },
    remote: { type: 'boolean', default: false },
  },
});

const remote = values.remote ?? false;
const shards = readShards();
const now = Date.now();
const auditId = `aud_${randomBytes(10).toString('hex')}`;
let sql: string;
// A membership is a tenant row, on the tenant's shard; a revocation names only the e-mail, so it is
// run on every shard (the one that holds it revokes and audits it, the others find nothing).
let bindings: string[];
if (values.revoke) {
  if (!values.email) {
    console.error('--email is required');
    process.exit(2);
  }
  sql = revokeAccessSql(values.email, auditId, now);
  bindings = shards.names;
} else {
  const checked = accessGrantOf(values, now);
  if (!checked.ok) {
    console.error(checked.problems.join('\n'));
    process.exit(2);
  }
  sql = grantAccessSql(checked.grant, auditId, now);
  bindings = [shardOf(checked.grant.tenantId, shards, remote)];
}
let done = false;
for (const binding of bindings) {
  const result = executeD1(sql, { remote, binding, json: true });
  if (result.status !== 0) {
    console.error(result.stdout);
    process.exit(result.status);
  }
  done ||= keyCreated(result.stdout);
}
if (!done) {
  console.error(
    values.revoke
      ? 'No such membership.'
      : 'Nothing granted: the tenant (or the agency or agent in it) does not exist.',
  );
  process.exit(1);
}
console.log(
  values.revoke
    ? `Access revoked for ${values.email}.`
    : `Access granted: ${values.email} as ${values.role} of ${values.tenant}.`,
);
