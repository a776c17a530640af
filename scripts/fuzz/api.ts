/**
 * `pnpm fuzz`: a property-based fuzz of every operation of the OpenAPI document against the local
 * stack. Requests are drawn by fast-check from the document's own JSON Schemas (valid ones, with ids
 * the fuzz has seen so they reach real objects, and invalid variants of them), sent with admin,
 * supervisor, agent, analyst and agency keys (intake signed per Standard Webhooks), round-robin over
 * every operation until the time budget is spent. It fails on any 5xx, any status the operation does
 * not declare, any media type it does not declare and any body that violates its declared schema.
 *
 *   npx tsx scripts/fuzz/api.ts [--seconds 60] [--url http://127.0.0.1:8820] [--seed 1] [--concurrency 4]
 *
 * Without --url (or when nothing answers there) it starts its own stack: a throw-away local database,
 * the demo tenant at a small size, wrangler dev on a free port, all stopped as a process group after.
 * With --url of a running stack it fuzzes that stack's data: never point it at data you want to keep.
 * Writes bench-results/fuzz.json.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seededRandom } from '@doorstep/testkit';
import fc from 'fast-check';
import { reuseOrStartLocalStack } from '../dev/local-stack';
import { demoTenant } from '../seed/demo-tenant';
import { IdPool } from './id-pool';
import { arbitraryOf, type JsonSchema } from './json-schema-arbitrary';
import { mutate, type WireRequest } from './mutate';
import {
  type OpenApiDocument,
  type Operation,
  parametersOf,
  requestArbitrary,
  resolverOf,
} from './operation-arbitrary';
import { responseContract, type Violation } from './response-contract';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    url: { type: 'string' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    concurrency: { type: 'string', default: '4' },
  },
});
const seconds = Number(values.seconds);
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// A run's choices follow from `--seed` (the server's state and timing still vary).
const random = seededRandom(seed).next;
const nextSeed = () => Math.floor(random() * 2 ** 31);
const sample = <T>(arbitrary: fc.Arbitrary<T>): T =>
  fc.sample(arbitrary, { numRuns: 1, seed: nextSeed() })[0] as T;

// ── The stack ────────────────────────────────────────────────────────────────────────────────────
const stack = await reuseOrStartLocalStack(values.url, {
  demoSize: ['--customers', '60', '--performing', '30', '--agents', '6'],
});
const baseUrl = stack.url;
const stopStack = () => stack.stop();
process.on('SIGINT', () => {
  void stopStack().finally(() => process.exit(130));
});

// ── Keys per role ────────────────────────────────────────────────────────────────────────────────
const demoKeys = {
  admin: demoTenant.adminKey,
  supervisor: demoTenant.supervisorKey,
  agent: demoTenant.agentKey,
  analyst: demoTenant.analystKey,
  agency: demoTenant.agencyKey,
} as const;
type Role = keyof typeof demoKeys;
const ROLES = Object.keys(demoKeys) as Role[];

async function send(
  request: WireRequest,
): Promise<{ status: number; contentType: string; body: string; etag: string | null }> {
  const search = new URLSearchParams(request.query).toString();
  const response = await fetch(`${baseUrl}${request.path}${search ? `?${search}` : ''}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    signal: AbortSignal.timeout(60_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
    etag: response.headers.get('ETag'),
  };
}

const pool = new IdPool(
  random,
  new Set(['key_demo_admin', 'key_demo_supervisor', 'key_demo_agent', 'key_demo_analyst', 'key_demo_agency']),
);

/**
 * Three more keys per role, created by the demo admin: the load spreads under each key's rate limit
 * (a 429 is declared, but it would only measure the limiter). Their ids are kept out of the pool, so
 * the fuzz never revokes or rotates a key it works with.
 */
async function fuzzKeys(): Promise<Record<Role, string[]>> {
  const keys = Object.fromEntries(ROLES.map((role) => [role, [demoKeys[role]]])) as Record<Role, string[]>;
  const scope: Record<Role, object> = {
    admin: {},
    supervisor: {},
    analyst: {},
    agent: { agentId: 'agt_demo00001' },
    agency: { agencyId: 'agy_demo_partner' },
  };
  for (const role of ROLES)
    for (let i = 0; i < 3; i++) {
      const answer = await send({
        method: 'POST',
        path: '/v1/api-keys',
        parameterSegments: [],
        query: {},
        headers: {
          Authorization: `Bearer ${demoTenant.adminKey}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': randomUUID(),
        },
        body: JSON.stringify({ name: `fuzz ${role} ${i}`, role, ...scope[role] }),
      });
      if (answer.status !== 201)
        throw new Error(`could not create a ${role} key: ${answer.status} ${answer.body}`);
      const created = JSON.parse(answer.body) as { secret: string; apiKey: { id: string } };
      pool.exclude(created.apiKey.id);
      keys[role].push(created.secret);
    }
  return keys;
}

// ── Requests ─────────────────────────────────────────────────────────────────────────────────────
interface Target {
  name: string;
  method: string;
  template: string;
  operation: Operation;
  arbitrary: fc.Arbitrary<{
    params: Record<string, string>;
    query: Record<string, string>;
    headers: Record<string, string>;
    body?: unknown;
  }>;
  signed: boolean;
  /** The id prefix of each path parameter, from its documented example (`vis_3kq9w0…` → `vis`). */
  prefixes: Record<string, string>;
  /** For an NDJSON upload: one line's schema. */
  lineSchema?: JsonSchema;
}

function targetsOf(document: OpenApiDocument): Target[] {
  const events = document.paths['/v1/intake/events']?.post?.requestBody?.content['application/json']?.schema;
  const oneEvent = events?.anyOf?.find((option) => option.type !== 'array') ?? events;
  return Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${template}`,
      method: method.toUpperCase(),
      template,
      operation,
      arbitrary: requestArbitrary(document, operation, { now: Date.now() }),
      signed: operation.security?.some((requirement) => 'webhook-signature' in requirement) ?? false,
      prefixes: Object.fromEntries(
        parametersOf(document, operation).flatMap((p) => {
          const example = (p.schema as { example?: unknown } | undefined)?.example;
          const prefix = typeof example === 'string' ? /^([a-z]+)_/.exec(example)?.[1] : undefined;
          return p.in === 'path' && prefix ? [[p.name, prefix]] : [];
        }),
      ),
      ...(operation.requestBody?.content['application/x-ndjson'] && oneEvent ? { lineSchema: oneEvent } : {}),
    })),
  );
}

/** Standard Webhooks headers for the demo tenant's intake secret over `body`. */
function signed(body: string): Record<string, string> {
  const id = `msg_${randomUUID()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(demoTenant.intakeSecret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'Doorstep-Tenant': demoTenant.id,
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
}

/** Replaces generated ids in a body with ids the fuzz has seen (most of the time), so writes reach real objects. */
function withKnownIds(value: unknown, field?: string): unknown {
  if (Array.isArray(value))
    return value.map((item) => withKnownIds(item, field?.endsWith('Ids') ? field.slice(0, -1) : field));
  if (typeof value === 'string' && field && /Id$/.test(field) && random() < 0.8)
    return pool.pick(field) ?? value;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withKnownIds(child, key)]));
}

function buildRequest(target: Target, key: string): WireRequest {
  const generated = sample(target.arbitrary);
  const params = Object.fromEntries(
    Object.entries(generated.params).map(([name, value]) => [
      name,
      random() < 0.85 ? (pool.pick(name, target.prefixes[name]) ?? value) : value,
    ]),
  );
  // A random cursor is always refused (422): keep one now and then, otherwise read the first page.
  if ('cursor' in generated.query && random() < 0.8) delete generated.query.cursor;
  const path = target.template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? ''),
  );
  const headers: Record<string, string> = {};
  // Only what fetch can carry: a generated header value outside Latin-1 is a property of the schema, not of HTTP.
  for (const [name, value] of Object.entries(generated.headers))
    if (/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) headers[name] = value;
  let body: string | undefined;
  if (target.lineSchema) {
    const lineArbitrary = arbitraryOf(target.lineSchema, { resolve: resolverOf(document), now: Date.now() });
    body = sample(fc.array(lineArbitrary, { minLength: 1, maxLength: 4 }))
      .map((line) => JSON.stringify(withKnownIds(line)))
      .join('\n');
    headers['Content-Type'] = 'application/x-ndjson';
  } else if ('body' in generated) {
    let json = withKnownIds(generated.body) as Record<string, unknown>;
    // Outbound webhooks must never leave this machine: every subscription targets a closed loopback port.
    if (target.operation.operationId === 'createWebhookSubscription' && json && typeof json === 'object')
      json = { ...json, url: 'http://127.0.0.1:9/doorstep-fuzz' };
    body = JSON.stringify(json);
    headers['Content-Type'] = 'application/json';
  }
  if (target.signed) Object.assign(headers, random() < 0.9 ? signed(body ?? '') : {});
  else headers.Authorization = `Bearer ${key}`;
  if ('Idempotency-Key' in headers)
    headers['Idempotency-Key'] = random() < 0.95 ? randomUUID() : 'fuzz-reused-key';
  if ('If-Match' in headers) {
    const id = Object.values(params).find((value) => pool.etagOf(value));
    if (id && random() < 0.8) headers['If-Match'] = pool.etagOf(id) ?? '"1"';
  }
  const parameterSegments = target.template
    .split('/')
    .flatMap((segment, i) => (segment.startsWith('{') ? [i] : []));
  return {
    method: target.method,
    path,
    parameterSegments,
    query: generated.query,
    headers,
    ...(body === undefined ? {} : { body }),
  };
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────────
interface Failure {
  operation: string;
  role: string;
  mutation: string | null;
  violation: Violation;
  request: WireRequest;
}

const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as OpenApiDocument;
const check = responseContract(document);
const targets = targetsOf(document);
const statuses = new Map<string, Map<number, number>>();
const failures: Failure[] = [];
let requests = 0;
let mutated = 0;

async function seedPool(keys: Record<Role, string[]>) {
  // Every list the admin can read, to know real ids before the first write.
  for (const target of targets.filter((t) => t.method === 'GET' && !t.template.includes('{') && !t.signed)) {
    const answer = await send({
      method: 'GET',
      path: target.template,
      parameterSegments: [],
      query: {},
      headers: { Authorization: `Bearer ${keys.admin[0]}` },
    });
    if (answer.contentType.includes('json')) pool.harvest(JSON.parse(answer.body));
  }
  await scheduleVisits(keys.supervisor[0]!);
}

/**
 * A few planned visits on open demo cases, so check-in, outcome, notices, overrides and evidence have
 * real visits to work on (a random request almost never schedules one: it needs a case, two active
 * agents and a window compliance allows).
 */
async function scheduleVisits(key: string) {
  const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
  const cases = JSON.parse(
    (
      await send({
        method: 'GET',
        path: '/v1/cases',
        parameterSegments: [],
        query: { status: 'open', limit: '40' },
        headers,
      })
    ).body,
  ) as { items?: { id: string }[] };
  const day = new Date(Date.now() + 2 * 86_400_000);
  day.setUTCHours(2, 0, 0, 0);
  const window = { start: day.toISOString(), end: new Date(day.getTime() + 2 * 3_600_000).toISOString() };
  for (const [i, kase] of (cases.items ?? []).slice(0, 12).entries()) {
    const answer = await send({
      method: 'POST',
      path: '/v1/visits',
      parameterSegments: [],
      query: {},
      headers: { ...headers, 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        caseId: kase.id,
        purpose: 'understand_situation',
        agentIds: [`agt_demo0000${1 + (i % 3)}`, `agt_demo0000${4 + (i % 3)}`],
        window,
      }),
    });
    if (answer.status === 201) pool.harvest(JSON.parse(answer.body));
  }
}

async function runOne(target: Target, role: Role, key: string) {
  const valid = buildRequest(target, key);
  const negative = random() < 0.3;
  const { request, mutation } = negative ? mutate(valid, random) : { request: valid, mutation: null };
  let answer: Awaited<ReturnType<typeof send>>;
  try {
    answer = await send(request);
  } catch (error) {
    failures.push({
      operation: target.name,
      role,
      mutation,
      violation: {
        kind: 'server-error',
        detail: `no answer: ${error instanceof Error ? error.message : String(error)}`,
      },
      request,
    });
    return;
  }
  requests++;
  if (mutation) mutated++;
  const byStatus = statuses.get(target.name) ?? new Map<number, number>();
  byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
  statuses.set(target.name, byStatus);
  for (const violation of check(target.operation, answer))
    failures.push({ operation: target.name, role, mutation, violation, request });
  if (answer.contentType.includes('json') && answer.status < 300) {
    try {
      const json = JSON.parse(answer.body);
      pool.harvest(json);
      const id = (json as { id?: unknown }).id;
      if (typeof id === 'string') pool.remember(id, answer.etag);
    } catch {
      // Checked above.
    }
  }
}

let exitCode = 0;
try {
  const keys = await fuzzKeys();
  await seedPool(keys);
  const started = Date.now();
  const deadline = started + seconds * 1000;
  let turn = 0;
  const order = [...targets].sort(() => random() - 0.5);
  const worker = async () => {
    while (Date.now() < deadline) {
      const i = turn++;
      const target = order[i % order.length]!;
      const role = ROLES[Math.floor(i / order.length) % ROLES.length]!;
      const roleKeys = keys[role];
      await runOne(target, role, roleKeys[i % roleKeys.length]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (Date.now() - started) / 1000;

  const covered = targets.filter((t) => statuses.has(t.name)).length;
  const byKind = failures.reduce<Record<string, number>>((all, f) => {
    all[f.violation.kind] = (all[f.violation.kind] ?? 0) + 1;
    return all;
  }, {});
  const report = {
    at: new Date().toISOString(),
    seed,
    seconds: Math.round(elapsed),
    requests,
    invalidRequests: mutated,
    operations: targets.length,
    operationsCovered: covered,
    roles: ROLES,
    failures: failures.length,
    failuresByKind: byKind,
    statusesByOperation: Object.fromEntries(
      [...statuses].map(([name, counts]) => [
        name,
        Object.fromEntries([...counts].sort((a, b) => a[0] - b[0])),
      ]),
    ),
    examples: dedupe(failures).slice(0, 40),
  };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/fuzz.json'), `${JSON.stringify(report, null, 2)}\n`);

  console.log(
    `fuzz: ${requests} requests (${mutated} invalid variants) over ${covered}/${targets.length} operations with ${ROLES.join(', ')} keys in ${elapsed.toFixed(0)} s (seed ${seed}): ${failures.length} failures`,
  );
  for (const example of report.examples)
    console.log(
      `  ${example.violation.kind} ${example.operation} as ${example.role}${example.mutation ? ` (${example.mutation})` : ''}: ${example.violation.detail}\n    ${example.request.method} ${example.request.path}${Object.keys(example.request.query).length ? `?${new URLSearchParams(example.request.query)}` : ''} ${example.request.body?.slice(0, 300) ?? ''}`,
    );
  if (failures.length > 0 || covered < targets.length) exitCode = 1;
} finally {
  await stopStack();
}
process.exit(exitCode);

/** One example per operation and kind of violation: the first one seen. */
function dedupe(all: Failure[]): Failure[] {
  const seen = new Set<string>();
  return all.filter((f) => {
    const key = `${f.operation} ${f.violation.kind} ${f.violation.detail.slice(0, 60)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
