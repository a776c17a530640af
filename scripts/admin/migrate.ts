/**
 * Applies the D1 migrations to every shard of the deployment (`SHARDS` in wrangler.jsonc), locally or
 * with `--remote`: one migrations folder, every database on the same schema. `/health` reports each
 * shard's last migration and answers 503 while they differ.
 *
 * Usage: pnpm db:migrate [--remote]
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { apiDir, configArgs } from './d1-execute';
import { readShards } from './shards';

const { values } = parseArgs({ options: { remote: { type: 'boolean', default: false } } });
const remote = values.remote ?? false;

for (const shard of readShards().names) {
  console.log(`Applying migrations to ${shard} (${remote ? 'remote' : 'local'})…`);
  const result = spawnSync(
    `${apiDir}/node_modules/.bin/wrangler`,
    ['d1', 'migrations', 'apply', shard, remote ? '--remote' : '--local', ...configArgs(remote)],
    { cwd: apiDir, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
