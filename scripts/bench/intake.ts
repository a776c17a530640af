/**
 * `pnpm bench:intake`: signed intake events per second into local `wrangler dev`, next to a bare worker
 * on the same machine that inserts one D1 row per request (`scripts/bench/bare-worker`).
 *
 *   npx tsx scripts/bench/intake.ts [--seconds 5] [--rounds 3] [--connections 8] [--events-per-request 1] [--port-base N]
 *
 * Both workers run side by side, each on a throwaway local D1 and free 127.0.0.1 ports, and are loaded
 * in alternating rounds (never at the same time), so that on a shared machine both see the same
 * background load; they are stopped afterwards. Every intake request is a
 * fresh `webhook-id` signed with HMAC-SHA256 like a bank's sender, carrying new accounts, so each one
 * runs the full path: signature, inbox, reads, reducer and one D1 batch that opens cases.
 * Writes bench-results/intake.json `{ eventsPerSecond, bareInsertsPerSecond, ratio }`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { intakeSecretContext, LOCAL_KEYS, parseKeyring, seal } from '@doorstep/api/secrets/secret-box';

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  duration: number;
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  '2xx': number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

// autocannon ships no type declarations; the interface above covers what this script uses.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    'events-per-request': { type: 'string', default: '1' },
    // The first of four consecutive ports (two workers, two inspectors) when ports are shared out; any free ones otherwise.
    'port-base': { type: 'string' },
  },
});
const seconds = Math.min(60, Number(values.seconds));
const rounds = Math.min(10, Number(values.rounds));
const connections = Math.min(64, Number(values.connections));
const perRequest = Math.min(500, Number(values['events-per-request']));

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const apiDir = join(root, 'workers/api');
const bareDir = join(root, 'scripts/bench/bare-worker');
const wrangler = join(apiDir, 'node_modules/.bin/wrangler');
const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

let nextAssigned = values['port-base'] === undefined ? null : Number(values['port-base']);

function freePort(): Promise<number> {
  if (nextAssigned !== null) return Promise.resolve(nextAssigned++);
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function run(cwd: string, args: string[]) {
  const result = spawnSync(wrangler, args, { cwd, encoding: 'utf8', env: wranglerEnv });
  if (result.status !== 0)
    throw new Error(`wrangler ${args.slice(0, 3).join(' ')} failed:\n${result.stderr}`);
}

/** Starts `wrangler dev` in its own process group so that stopping it also stops its workerd. */
async function startDev(
  cwd: string,
  persistTo: string,
  extra: string[],
): Promise<{ url: string; child: ChildProcess }> {
  const [port, inspector] = [await freePort(), await freePort()];
  const child = spawn(
    wrangler,
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspector),
      '--persist-to',
      persistTo,
      ...extra,
    ],
    { cwd, env: wranglerEnv, detached: true, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    const up = await fetch(`${url}/`, { method: 'HEAD' }).then(
      () => true,
      () => false,
    );
    if (up) return { url, child };
    if (Date.now() - started > 120_000) throw new Error(`wrangler dev in ${cwd} did not start in 120 s`);
    await new Promise((done) => setTimeout(done, 500));
  }
}

function stop(child: ChildProcess) {
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
}

const tenantId = 'ten_bench_intake';
const secretBytes = randomBytes(32);
const secret = `whsec_${secretBytes.toString('base64')}`;

let sent = 0;
/** A fresh delivery: new webhook-id, new accounts, signed now. */
function signedDelivery(request: AutocannonRequest): AutocannonRequest {
  const n = sent++;
  const events = Array.from({ length: perRequest }, (_, i) => ({
    type: 'account.delinquency_updated',
    version: 1,
    occurredAt: '2026-10-01T00:00:00Z',
    data: {
      accountRef: `B-${n}-${i}`,
      customerRef: `BC-${n}-${i}`,
      kind: 'loan',
      product: 'consumer-loan',
      currency: 'CNY',
      limitOrPrincipalMinor: 5_000_000,
      sequence: 1,
      asOf: '2026-10-01T00:00:00Z',
      dpd: 10 + (n % 100),
      overduePrincipalMinor: 100_000,
      overdueInterestMinor: 2_000,
      overdueFeesMinor: 500,
    },
  }));
  const body = JSON.stringify(events);
  const id = `msg_bench_${process.pid}_${n}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secretBytes).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    ...request,
    body,
    headers: {
      'content-type': 'application/json',
      'Doorstep-Tenant': tenantId,
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${signature}`,
    },
  };
}

// Sealed as in production, so every delivery measured opens it (AES-GCM) before verifying.
const sealed = await seal(
  await parseKeyring(LOCAL_KEYS),
  secret,
  intakeSecretContext(tenantId, 'isec_bench'),
);
const persistApi = mkdtempSync(join(tmpdir(), 'doorstep-bench-intake-'));
const persistBare = mkdtempSync(join(tmpdir(), 'doorstep-bench-bare-'));
try {
  run(apiDir, ['d1', 'migrations', 'apply', 'doorstep', '--local', '--persist-to', persistApi]);
  run(apiDir, [
    'd1',
    'execute',
    'doorstep',
    '--local',
    '--persist-to',
    persistApi,
    '--command',
    `INSERT INTO tenants (id, name, time_zone, currency, jurisdiction, created_at) VALUES ('${tenantId}', 'Bench', 'Asia/Shanghai', 'CNY', 'cn', 0);
     INSERT INTO intake_secrets (id, tenant_id, ciphertext, key_id, created_at) VALUES ('isec_bench', '${tenantId}', '${sealed.ciphertext}', '${sealed.keyId}', 0);`,
  ]);
  run(bareDir, [
    'd1',
    'execute',
    'bare',
    '--local',
    '--persist-to',
    persistBare,
    '--command',
    'CREATE TABLE rows (id TEXT PRIMARY KEY, body TEXT NOT NULL, at INTEGER NOT NULL)',
  ]);

  const api = await startDev(apiDir, persistApi, ['--var', 'DOORSTEP_MODE:local']);
  const bareServer = await startDev(bareDir, persistBare, []);
  const intakeRounds: AutocannonResult[] = [];
  const bareRounds: AutocannonResult[] = [];
  try {
    const probe = signedDelivery({ method: 'POST' });
    const answer = await fetch(`${api.url}/v1/intake/events`, {
      method: 'POST',
      headers: probe.headers,
      body: probe.body,
    });
    if (answer.status !== 200) throw new Error(`intake answered ${answer.status}: ${await answer.text()}`);
    // Alternating short rounds: on a shared machine both sides then see the same background load.
    for (let round = 0; round < rounds; round++) {
      intakeRounds.push(
        await autocannon({
          url: api.url,
          connections,
          duration: seconds,
          requests: [{ method: 'POST', path: '/v1/intake/events', setupRequest: signedDelivery }],
        }),
      );
      bareRounds.push(
        await autocannon({
          url: bareServer.url,
          connections,
          duration: seconds,
          requests: [
            { method: 'POST', path: '/', body: '{"n":1}', headers: { 'content-type': 'application/json' } },
          ],
        }),
      );
    }
  } finally {
    stop(api.child);
    stop(bareServer.child);
  }
  const total = (results: AutocannonResult[]) => ({
    requests2xx: results.reduce((n, r) => n + r['2xx'], 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    seconds: results.reduce((n, r) => n + r.duration, 0),
    p50Ms: results.map((r) => r.latency.p50),
    p99Ms: results.map((r) => r.latency.p99),
  });
  const intake = total(intakeRounds);
  const bare = total(bareRounds);

  const eventsPerSecond = Math.round((intake.requests2xx * perRequest) / intake.seconds);
  const bareInsertsPerSecond = Math.round(bare.requests2xx / bare.seconds);
  const report = {
    at: new Date().toISOString(),
    command: `npx tsx scripts/bench/intake.ts --seconds ${seconds} --rounds ${rounds} --connections ${connections} --events-per-request ${perRequest}`,
    note: 'Local wrangler dev (workerd, SQLite-backed D1), both workers on the same machine, loaded in alternating rounds.',
    eventsPerSecond,
    bareInsertsPerSecond,
    ratio: Math.round((eventsPerSecond / bareInsertsPerSecond) * 100) / 100,
    roundRatios: intakeRounds.map(
      (r, i) =>
        Math.round(
          ((r['2xx'] * perRequest) / r.duration / (bareRounds[i]!['2xx'] / bareRounds[i]!.duration)) * 100,
        ) / 100,
    ),
    intake,
    bare,
  };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/intake.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  console.log(
    `intake ${eventsPerSecond} events/s vs bare ${bareInsertsPerSecond} inserts/s: ratio ${report.ratio}`,
  );
} finally {
  rmSync(persistApi, { recursive: true, force: true });
  rmSync(persistBare, { recursive: true, force: true });
}
