/**
 * README command 1: the local Doorstep API with embedded D1 and Queues.
 * Checks the port is free, applies the D1 migrations, seeds the demo tenant (idempotent), starts
 * `wrangler dev`, waits until `/health` answers and prints where to go. Safe to run again: migrations
 * and seed skip what exists.
 *
 * Usage: npx -y pnpm@10 dev [--port 8787] [--verbose] and these options:
 * --customers N overdue (default 2000), --performing N current (default 4000), --agents N (default 20),
 * --shards N local D1 databases (default: those of wrangler.jsonc, one; more, to try tenant moves with
 *   scripts/admin/move-tenant.ts --url),
 * --inspector-port N (wrangler's debugger port, default 9229),
 * --persist-to DIR (where local D1 and Queues keep their state, default workers/api/.wrangler/state; such
 *   a throwaway stack — a test's, or `pnpm check`'s stack checks — leaves the "running" record alone),
 * --no-demo-day (skip screening the portfolio and planning today's Futian routes for the console).
 * --verbose shows wrangler's own output unfiltered (banner, bindings, offline warnings).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LOCAL_KEYS } from '@doorstep/api/secrets/secret-box';
import { createClient } from '@doorstep/client';
import { prepareDemoDay } from '../seed/demo-day';
import { demoTenant, demoTenantSql } from '../seed/demo-tenant';
import { isDoorstep, recordRunning } from './running';
import { appliedMigrations, wranglerNoiseFilter } from './wrangler-output';

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
    shards: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    'inspector-port': { type: 'string' },
    'persist-to': { type: 'string' },
    'no-demo-day': { type: 'boolean', default: false },
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
/** A separate local state (e.g. a test's throw-away database) for every wrangler command below. */
const persist = values['persist-to'] ? ['--persist-to', resolve(values['persist-to'])] : [];
const persistTo = persist[1];

interface WranglerConfig {
  main: string;
  assets?: { directory: string };
  vars: { SHARDS: string[] } & Record<string, unknown>;
  d1_databases: { binding: string; database_name: string; database_id: string; migrations_dir: string }[];
}

/**
 * wrangler.jsonc as is, or — for `--shards N` — a local copy with databases DB_1… added to it and to
 * `SHARDS` (paths made relative to where the copy lives; the same local state either way).
 */
function localConfig(): { args: string[]; shards: string[] } {
  const config = JSON.parse(
    readFileSync(join(apiDir, 'wrangler.jsonc'), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, ''),
  ) as WranglerConfig;
  const wanted = values.shards === undefined ? config.vars.SHARDS.length : Number(values.shards);
  if (!Number.isInteger(wanted) || wanted < config.vars.SHARDS.length || wanted > 8)
    throw new Error(`--shards must be ${config.vars.SHARDS.length}–8`);
  if (wanted === config.vars.SHARDS.length)
    return { args: persistTo ? ['--persist-to', persistTo] : [], shards: config.vars.SHARDS };
  const [first] = config.d1_databases;
  for (let n = config.vars.SHARDS.length; n < wanted; n++) {
    const binding = `DB_${n}`;
    config.d1_databases.push({
      binding,
      database_name: `doorstep-local-shard-${n}`,
      database_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      migrations_dir: first?.migrations_dir ?? 'migrations',
    });
    config.vars.SHARDS.push(binding);
  }
  for (const database of config.d1_databases) database.migrations_dir = `../${database.migrations_dir}`;
  config.main = `../${config.main}`;
  if (config.assets) config.assets.directory = `../${config.assets.directory}`;
  const file = join(apiDir, '.wrangler/wrangler.shards.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(config, null, 2));
  return {
    args: ['--config', file, '--persist-to', persistTo ?? join(apiDir, '.wrangler/state')],
    shards: config.vars.SHARDS,
  };
}

const local = localConfig();

/**
 * The worker declares INTAKE_SECRET_KEYS a required secret, and wrangler warns on every start without
 * it. Locally the worker already falls back to its fixed local key; giving wrangler that same key says
 * so and silences the warning, while sealing and opening stay exactly as without it.
 */
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
  const result = spawnSync(wrangler, [...args, ...local.args], {
    cwd: apiDir,
    env: LOCAL_ENV,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    console.error(
      `${result.stdout}${result.stderr}\nwrangler ${args.join(' ')} failed (exit ${result.status})`,
    );
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

for (const shard of local.shards) {
  const applied = appliedMigrations(run(['d1', 'migrations', 'apply', shard, '--local']));
  console.log(
    applied.length === 0
      ? `D1 migrations: the local database ${shard} is up to date.`
      : `D1 migrations on ${shard}: applied ${applied.length} (${applied[0]} … ${applied.at(-1)}).`,
  );
}
// The demo tenant is seeded where the directory says it lives (after a local move, not the first shard).
const [placed] =
  (
    JSON.parse(
      run([
        'd1',
        'execute',
        local.shards[0] as string,
        '--local',
        '--json',
        '--command',
        `SELECT shard FROM directory_tenants WHERE tenant_id = '${demoTenant.id}'`,
      ]),
    ) as { results: { shard: string }[] }[]
  )[0]?.results ?? [];
const demoShard = placed?.shard ?? (local.shards[0] as string);

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
run(['d1', 'execute', demoShard, '--local', `--file=${seedFile}`]);

console.log(`Starting the local API on ${baseUrl}…`);
const dev = spawn(
  wrangler,
  [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    ...(values['inspector-port'] ? ['--inspector-port', values['inspector-port']] : []),
    '--var',
    'DOORSTEP_MODE:local',
    // Tiles for the console's map, when the developer has a tile server (see docs/console.md).
    ...(process.env.CONSOLE_TILE_URL ? ['--var', `CONSOLE_TILE_URL:${process.env.CONSOLE_TILE_URL}`] : []),
    ...local.args,
  ],
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
  Console       ${baseUrl}/console/   (sign in with the admin key below)
  API           ${baseUrl}
  API docs      ${baseUrl}/docs
  OpenAPI       ${baseUrl}/openapi.json
  Demo tenant   ${demoTenant.name} (${demoTenant.id}, ${demoTenant.timeZone}, ${demoTenant.currency})
  Admin key     ${demoTenant.adminKey}
  Intake secret ${demoTenant.intakeSecret}

${
  local.shards.length > 1
    ? `  Shards        ${local.shards.join(', ')} (admin scripts: DOORSTEP_WRANGLER_CONFIG=${join(apiDir, '.wrangler/wrangler.shards.json')})
`
    : ''
}
Try:       curl -H "Authorization: Bearer ${demoTenant.adminKey}" "${baseUrl}/v1/cases?limit=5"
Cron tick: curl -X POST "${baseUrl}/cdn-cgi/local/scheduled"   (due timers, sweeps; not automatic locally)
Events:    npx -y pnpm@10 demo:send-events < events.json      (finds this server by itself)
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
