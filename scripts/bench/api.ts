/**
 * Partner API benchmark against local `wrangler dev` with the demo tenant (real local D1):
 * p50/p99 latency and requests/s for listing 50 cases, reading case dossiers and recording a visit
 * outcome, plus the D1 statements each request ran (the worker reports them in `X-D1-Queries` in local mode).
 *
 *   npx tsx scripts/bench/api.ts [--url http://127.0.0.1:8790] [--connections 10] [--seconds 10] [--outcomes 600]
 *
 * Starts the local stack (`scripts/dev/start.ts`: migrations, seed, wrangler dev) when nothing answers
 * at --url, and stops it afterwards. Load stays on 127.0.0.1 and is bounded by time or request count.
 * Writes bench-results/api.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reuseOrStartLocalStack } from '../dev/local-stack';
import { demoTenant } from '../seed/demo-tenant';

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  non2xx: number;
  errors: number;
  '2xx': number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  requests?: AutocannonRequest[];
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;

// autocannon ships no type declarations; the interface above covers what this script uses.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8790' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    outcomes: { type: 'string', default: '600' },
  },
});
const baseUrl = values.url;
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(baseUrl)) throw new Error('The benchmark only loads 127.0.0.1.');
const connections = Number(values.connections);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

interface D1Cost {
  statements: number;
  roundTrips: number;
}

/** D1 statements and round trips one request ran, from the local-mode headers; -1 if not reported. */
async function queriesOf(path: string, init: RequestInit): Promise<D1Cost> {
  const response = await fetch(`${baseUrl}${path}`, init);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}`);
  return {
    statements: Number(response.headers.get('X-D1-Queries') ?? -1),
    roundTrips: Number(response.headers.get('X-D1-Round-Trips') ?? -1),
  };
}

async function json<T>(path: string, init: RequestInit): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, init);
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const outcomeBody = JSON.stringify({
  contactResult: 'customer_met',
  checklist: [{ item: 'show_staff_id', confirmed: true }],
  willingness: 4,
  monthlyAbilityToPay: { amountMinor: 80000, currency: 'CNY' },
  satisfaction: 4,
});

/** Fresh planned visits on the demo cases, one per outcome to post (each outcome completes its visit). */
async function plannedVisits(count: number): Promise<string[]> {
  const agents = await json<{ items: { id: string }[] }>('/v1/agents?limit=5', {
    headers: auth(demoTenant.adminKey),
  });
  const cases = await json<{ items: { id: string }[] }>('/v1/cases?limit=200&status=open', {
    headers: auth(demoTenant.adminKey),
  });
  const ids: string[] = [];
  const run = Date.now();
  // A fresh day per run, 8 days after any earlier run's: the visit cool-down (7 days) never vetoes a rerun;
  // within the next 150 days, inside the tenant's scheduling horizon (180 days by default).
  const firstDay = Math.ceil(run / 86_400_000) * 86_400_000 + 3_600_000;
  const day = firstDay + (Math.floor(run / 60_000) % 18) * 8 * 86_400_000;
  const window = { start: new Date(day).toISOString(), end: new Date(day + 7_200_000).toISOString() };
  for (let i = 0; i < cases.items.length && ids.length < count; i += 20) {
    const answers = await Promise.all(
      cases.items.slice(i, i + 20).map((kase, j) =>
        fetch(`${baseUrl}/v1/visits`, {
          method: 'POST',
          headers: {
            ...auth(demoTenant.supervisorKey),
            'Content-Type': 'application/json',
            'Idempotency-Key': `bench-${run}-${i + j}`,
          },
          body: JSON.stringify({
            caseId: kase.id,
            purpose: 'understand_situation',
            // China's pack needs two staff on a field visit.
            agentIds: [
              agents.items[j % agents.items.length]!.id,
              agents.items[(j + 1) % agents.items.length]!.id,
            ],
            window,
          }),
        }),
      ),
    );
    for (const answer of answers) {
      // Compliance vetoes some demo customers (disputes, cease-contact); those cases are simply skipped.
      if (answer.status === 201) ids.push(((await answer.json()) as { id: string }).id);
      else await answer.arrayBuffer();
    }
  }
  if (ids.length < 2) throw new Error('compliance left no demo case to visit');
  return ids.slice(0, count);
}

/**
 * Supervisor keys the load spreads over. Each key is rate-limited (1,200 requests a minute in
 * wrangler.jsonc); one key would measure the limiter, not the API. Many apps and agents, each with
 * its own key, is what a bank's load looks like anyway.
 */
async function benchKeys(count: number): Promise<string[]> {
  const stamp = Date.now();
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const created = await json<{ secret: string }>('/v1/api-keys', {
        method: 'POST',
        headers: {
          ...auth(demoTenant.adminKey),
          'Content-Type': 'application/json',
          'Idempotency-Key': `bench-key-${stamp}-${i}`,
        },
        body: JSON.stringify({ name: `bench ${stamp} #${i}`, role: 'supervisor' }),
      });
      return created.secret;
    }),
  );
}

/** Round-robin over `keys`, so every key stays well under its per-minute limit. */
const rotating = (keys: readonly string[]) => {
  let next = 0;
  return () => auth(keys[next++ % keys.length]!);
};

const OUTCOME = 'POST /v1/visits/{visitId}/outcome';

/** Posts `total` outcomes, each on its own fresh planned visit (an outcome completes its visit). */
async function benchOutcomes(
  total: number,
  keys: readonly string[],
): Promise<{ result: AutocannonResult; queries: D1Cost }> {
  const visits = await plannedVisits(total + 1);
  const probe = visits.pop()!;
  const nextKey = rotating(keys);
  const outcomeHeaders = (key: string) => ({
    ...nextKey(),
    'Content-Type': 'application/json',
    'If-Match': '"1"',
    'Idempotency-Key': key,
  });
  const outcomeQueries = await queriesOf(`/v1/visits/${probe}/outcome`, {
    method: 'POST',
    headers: outcomeHeaders(`bench-probe-${Date.now()}`),
    body: outcomeBody,
  });
  let next = 0;
  const stamp = Date.now();
  const outcomes = await autocannon({
    url: baseUrl,
    connections,
    amount: visits.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const visitId = visits[next++ % visits.length]!;
          return {
            ...request,
            path: `/v1/visits/${visitId}/outcome`,
            headers: outcomeHeaders(`bench-${stamp}-${visitId}`),
            body: outcomeBody,
          };
        },
      },
    ],
  });
  return { result: outcomes, queries: outcomeQueries };
}

/** GETs for the bench's duration, each on the next path with the next key. */
function loadGets(nextPath: () => string, keys: readonly string[]) {
  const nextKey = rotating(keys);
  return autocannon({
    url: baseUrl,
    connections,
    duration: Number(values.seconds),
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: nextPath(), headers: nextKey() }),
      },
    ],
  });
}

const DOSSIER = 'GET /v1/cases/{caseId}/dossier';

/** Dossiers of 200 demo cases in turn: each view reads the case history and writes its audit row. */
async function benchDossiers(
  keys: readonly string[],
): Promise<{ result: AutocannonResult; queries: D1Cost }> {
  const cases = await json<{ items: { id: string }[] }>('/v1/cases?limit=200', {
    headers: auth(demoTenant.adminKey),
  });
  const ids = cases.items.map((kase) => kase.id);
  // The second view of the minute: the first also records the key's use.
  await queriesOf(`/v1/cases/${ids[0]}/dossier`, { headers: auth(demoTenant.adminKey) });
  const queries = await queriesOf(`/v1/cases/${ids[0]}/dossier`, { headers: auth(demoTenant.adminKey) });
  let next = 0;
  const result = await loadGets(() => `/v1/cases/${ids[next++ % ids.length]}/dossier`, keys);
  return { result, queries };
}

// The demo's full size (start.ts's defaults), as the figures in docs/benchmarks.md were taken.
const server = await reuseOrStartLocalStack(baseUrl, { demoSize: [] });
try {
  const keys = await benchKeys(16);
  const listPath = '/v1/cases?limit=50';
  await queriesOf(listPath, { headers: auth(demoTenant.adminKey) });
  const listQueries = await queriesOf(listPath, { headers: auth(demoTenant.adminKey) });
  const list = await loadGets(() => listPath, keys);
  const dossier = await benchDossiers(keys);

  const outcome = await benchOutcomes(Number(values.outcomes), keys).catch((error: unknown) => ({
    error: error instanceof Error ? error.message.slice(0, 300) : String(error),
  }));
  const measured = (name: string, result: AutocannonResult, queries: D1Cost) => ({
    name,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requestsPerSecond: Math.round(result.requests.average),
    d1QueriesPerRequest: queries.statements,
    d1RoundTripsPerRequest: queries.roundTrips,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
  });
  const endpoints = [
    measured('GET /v1/cases?limit=50', list, listQueries),
    measured(DOSSIER, dossier.result, dossier.queries),
    'error' in outcome
      ? { name: OUTCOME, error: outcome.error }
      : measured(OUTCOME, outcome.result, outcome.queries),
  ];
  const health = await json<{ shards: { name: string }[] }>('/health', {});
  const report = {
    at: new Date().toISOString(),
    baseUrl,
    connections,
    shards: health.shards.map((shard) => shard.name),
    note: 'Local wrangler dev (miniflare, SQLite-backed D1) on one machine; relative numbers, not production latency. Load spread over 16 supervisor keys, each under its rate limit.',
    endpoints,
  };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/api.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.table(endpoints);
} finally {
  await server.stop();
}
