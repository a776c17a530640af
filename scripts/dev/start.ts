/**
 * README command 1: the local Doorstep API with embedded D1 and Queues.
 * Applies the D1 migrations, seeds the demo tenant (idempotent), starts `wrangler dev`, waits until
 * `/health` answers and prints where to go. Safe to run again: migrations and seed skip what exists.
 *
 * Options: --port N (default 8787), --customers N overdue (default 2000), --performing N current
 * (default 4000), --agents N (default 20).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoTenant, demoTenantSql } from '../seed/demo-tenant';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    customers: { type: 'string', default: '2000' },
    performing: { type: 'string', default: '4000' },
    agents: { type: 'string', default: '20' },
  },
});

const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../workers/api');
const wrangler = join(apiDir, 'node_modules/.bin/wrangler');

function run(args: string[], output: 'show' | 'hide' = 'show'): void {
  const result = spawnSync(wrangler, args, {
    cwd: apiDir,
    stdio: ['ignore', output === 'show' ? 'inherit' : 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    console.error(`wrangler ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

console.log('Applying D1 migrations to the local database…');
run(['d1', 'migrations', 'apply', 'DB', '--local']);

console.log('Seeding the demo tenant (idempotent)…');
const seedFile = join(apiDir, '.wrangler/seed/demo.sql');
mkdirSync(dirname(seedFile), { recursive: true });
writeFileSync(
  seedFile,
  await demoTenantSql({
    customers: Number(values.customers),
    performing: Number(values.performing),
    agents: Number(values.agents),
  }),
);
// wrangler prints a result per statement; only failures (stderr) are worth showing.
run(['d1', 'execute', 'DB', '--local', `--file=${seedFile}`], 'hide');

const port = Number(values.port);
const baseUrl = `http://127.0.0.1:${port}`;
const dev = spawn(
  wrangler,
  ['dev', '--ip', '127.0.0.1', '--port', String(port), '--var', 'DOORSTEP_MODE:local'],
  {
    cwd: apiDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Wrangler reads required secrets from the environment when there is no .dev.vars: a fresh cursor
    // signing key per run (cursors of an earlier run are then refused, as after a key rotation).
    env: {
      ...process.env,
      CURSOR_SIGNING_KEY: process.env.CURSOR_SIGNING_KEY ?? randomBytes(32).toString('base64url'),
    },
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));

const started = Date.now();
for (;;) {
  await new Promise((done) => setTimeout(done, 500));
  const healthy = await fetch(`${baseUrl}/health`)
    .then((response) => response.ok)
    .catch(() => false);
  if (healthy) break;
  if (Date.now() - started > 90_000) {
    console.error('The local API did not become healthy within 90 s.');
    dev.kill('SIGTERM');
    process.exit(1);
  }
}

console.log(`
Doorstep is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).
  API           ${baseUrl}
  Health        ${baseUrl}/health
  API docs      ${baseUrl}/docs
  OpenAPI       ${baseUrl}/openapi.json
  Demo tenant   ${demoTenant.name} (${demoTenant.id}, ${demoTenant.timeZone}, ${demoTenant.currency})
  Admin key     ${demoTenant.adminKey}
  Intake secret ${demoTenant.intakeSecret}

Try: curl -H "Authorization: Bearer ${demoTenant.adminKey}" "${baseUrl}/v1/cases?limit=5"
Press Ctrl+C to stop.
`);
