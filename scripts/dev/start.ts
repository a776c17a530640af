/**
 * README command 1: the local Doorstep API with embedded D1 and Queues.
 * Checks the port is free, applies the D1 migrations, seeds the demo tenant (idempotent), starts
 * `wrangler dev`, waits until `/health` answers and prints where to go. Safe to run again: migrations
 * and seed skip what exists.
 *
 * Usage: npx -y pnpm@10 dev [--port 8787] [--customers 2000] [--performing 4000] [--agents 20] [--verbose]
 *        [--persist-to DIR]
 * --verbose shows wrangler's own output unfiltered (banner, bindings, offline warnings).
 * --persist-to keeps this stack's D1, Queues and R2 in DIR instead of the developer's own local state,
 * and leaves the "running" record alone: the stack checks of `pnpm check` start such a throwaway one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LOCAL_KEYS } from '@doorstep/api/secrets/secret-box';
import { demoTenant, demoTenantSql } from '../seed/demo-tenant';
import { isDoorstep, recordRunning } from './running';
import { appliedMigrations, wranglerNoiseFilter } from './wrangler-output';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    customers: { type: 'string', default: '2000' },
    performing: { type: 'string', default: '4000' },
    agents: { type: 'string', default: '20' },
    verbose: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`--port must be a TCP port (1–65535), not ${JSON.stringify(values.port)}.`);
  process.exit(2);
}
const baseUrl = `http://127.0.0.1:${port}`;

const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../workers/api');
const wrangler = join(apiDir, 'node_modules/.bin/wrangler');
/**
 * The worker declares INTAKE_SECRET_KEYS a required secret, and wrangler warns on every start without
 * it. Locally the worker already falls back to its fixed local key; giving wrangler that same key says
 * so and silences the warning, while sealing and opening stay exactly as without it.
 */
const persist = values['persist-to'] === undefined ? [] : ['--persist-to', resolve(values['persist-to'])];
const LOCAL_ENV = { ...process.env, INTAKE_SECRET_KEYS: process.env.INTAKE_SECRET_KEYS ?? LOCAL_KEYS };

/** Whether something already listens on the port, asked before anything is started or printed. */
function portTaken(): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(false)));
  });
}

if (await portTaken()) {
  console.error(
    (await isDoorstep(baseUrl))
      ? `Doorstep is already running at ${baseUrl} (another \`pnpm dev\`?). Use it, stop it, or start another with --port ${port + 1}.`
      : `Port ${port} is taken by another program. Start Doorstep on a free port: npx -y pnpm@10 dev --port ${port + 1}`,
  );
  process.exit(1);
}

function run(args: string[]): string {
  const result = spawnSync(wrangler, args, { cwd: apiDir, env: LOCAL_ENV, encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(
      `${result.stdout}${result.stderr}\nwrangler ${args.join(' ')} failed (exit ${result.status})`,
    );
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

const applied = appliedMigrations(run(['d1', 'migrations', 'apply', 'DB', '--local', ...persist]));
console.log(
  applied.length === 0
    ? 'D1 migrations: the local database is up to date.'
    : `D1 migrations: applied ${applied.length} (${applied[0]} … ${applied.at(-1)}).`,
);

console.log('Seeding the demo tenant (idempotent)…');
const seedFile = join(persist[1] ?? join(apiDir, '.wrangler/seed'), 'demo.sql');
mkdirSync(dirname(seedFile), { recursive: true });
writeFileSync(
  seedFile,
  await demoTenantSql({
    customers: Number(values.customers),
    performing: Number(values.performing),
    agents: Number(values.agents),
  }),
);
run(['d1', 'execute', 'DB', '--local', ...persist, `--file=${seedFile}`]);

console.log(`Starting the local API on ${baseUrl}…`);
const dev = spawn(
  wrangler,
  ['dev', '--ip', '127.0.0.1', '--port', String(port), '--var', 'DOORSTEP_MODE:local', ...persist],
  {
    cwd: apiDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Wrangler reads required secrets from the environment when there is no .dev.vars: a fresh cursor
    // signing key per run (cursors of an earlier run are then refused, as after a key rotation).
    env: {
      ...LOCAL_ENV,
      CURSOR_SIGNING_KEY: process.env.CURSOR_SIGNING_KEY ?? randomBytes(32).toString('base64url'),
    },
  },
);
for (const [from, to] of [
  [dev.stdout, process.stdout],
  [dev.stderr, process.stderr],
] as const) {
  const keep = values.verbose ? () => true : wranglerNoiseFilter();
  createInterface({ input: from }).on('line', (line) => {
    if (keep(line)) to.write(`${line}\n`);
  });
}
const forget = persist.length === 0 ? recordRunning(baseUrl) : () => {};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => {
  forget();
  process.exit(code ?? 0);
});

const started = Date.now();
while (!(await isDoorstep(baseUrl))) {
  if (dev.exitCode !== null) process.exit(dev.exitCode);
  if (Date.now() - started > 90_000) {
    console.error('The local API did not become healthy within 90 s (run again with --verbose to see why).');
    dev.kill('SIGTERM');
    process.exit(1);
  }
  await new Promise((done) => setTimeout(done, 500));
}

console.log(`
Doorstep is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).
  API           ${baseUrl}
  API docs      ${baseUrl}/docs
  OpenAPI       ${baseUrl}/openapi.json
  Demo tenant   ${demoTenant.name} (${demoTenant.id}, ${demoTenant.timeZone}, ${demoTenant.currency})
  Admin key     ${demoTenant.adminKey}
  Intake secret ${demoTenant.intakeSecret}

Try:       curl -H "Authorization: Bearer ${demoTenant.adminKey}" "${baseUrl}/v1/cases?limit=5"
Cron tick: curl -X POST "${baseUrl}/cdn-cgi/local/scheduled"   (due timers, sweeps; not automatic locally)
Events:    npx -y pnpm@10 demo:send-events < events.json      (finds this server by itself)
Press Ctrl+C to stop.
`);
