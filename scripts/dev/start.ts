/**
 * README command 1: the local Doorstep API with embedded D1 and Queues.
 * Applies the D1 migrations, seeds the demo tenant (idempotent), starts `wrangler dev`, waits until
 * `/health` answers and prints where to go. Safe to run again: migrations and seed skip what exists.
 *
 * Options: --port N (default 8787), --customers N overdue (default 2000), --performing N current
 * (default 4000), --agents N (default 20), --inspector-port N (wrangler's debugger port, default 9229),
 * --persist-to DIR (where local D1 and Queues keep their state, default workers/api/.wrangler/state),
 * --no-demo-day (skip screening the portfolio and planning today's Futian routes for the console).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from '@doorstep/client';
import { prepareDemoDay } from '../seed/demo-day';
import { demoTenant, demoTenantSql } from '../seed/demo-tenant';

/** Today's date in a zone, as YYYY-MM-DD. */
const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    customers: { type: 'string', default: '2000' },
    performing: { type: 'string', default: '4000' },
    agents: { type: 'string', default: '20' },
    'inspector-port': { type: 'string' },
    'persist-to': { type: 'string' },
    'no-demo-day': { type: 'boolean', default: false },
  },
});

const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../workers/api');
const wrangler = join(apiDir, 'node_modules/.bin/wrangler');
/** A separate local state (e.g. a test's throw-away database) for every wrangler command below. */
const persist = values['persist-to'] ? ['--persist-to', resolve(values['persist-to'])] : [];

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
run(['d1', 'migrations', 'apply', 'DB', '--local', ...persist]);

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
run(['d1', 'execute', 'DB', '--local', ...persist, `--file=${seedFile}`], 'hide');

const port = Number(values.port);
const baseUrl = `http://127.0.0.1:${port}`;
const dev = spawn(
  wrangler,
  [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    ...(values['inspector-port'] ? ['--inspector-port', values['inspector-port']] : []),
    ...persist,
    '--var',
    'DOORSTEP_MODE:local',
    // Tiles for the console's map, when the developer has a tile server (see docs/console.md).
    ...(process.env.CONSOLE_TILE_URL ? ['--var', `CONSOLE_TILE_URL:${process.env.CONSOLE_TILE_URL}`] : []),
  ],
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
  Console       ${baseUrl}/console/   (sign in with the admin key below)
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

if (!values['no-demo-day']) {
  const date = todayIn(demoTenant.timeZone);
  console.log(`Preparing the console's demo day (screening, a holdout, ${date}'s Futian routes)…`);
  await prepareDemoDay(createClient({ baseUrl, apiKey: demoTenant.adminKey }), {
    date,
    regionId: 'reg_futian',
  }).then(
    ({ planId }) => console.log(`Demo day ready: plan ${planId} at ${baseUrl}/console/#/plans`),
    (error: unknown) => console.error(`The demo day could not be prepared: ${String(error)}`),
  );
}
