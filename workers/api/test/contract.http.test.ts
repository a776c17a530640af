/**
 * The HTTP contract beyond schemas (issue #15 finding 11): a header the API enforces is declared on the
 * operation that enforces it, an undeclared query parameter is refused on every operation, and a known
 * path asked with another method answers 405 with `Allow`.
 */
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/index';
import { createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

interface Operation {
  operationId: string;
  parameters?: ({ $ref: string } | { name: string; in: string })[];
}

const document = openApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
);

/** A path of the template with every parameter filled by an id that exists nowhere. */
const concrete = (template: string) => template.replace(/\{[^}]+\}/g, 'zz_nothing_here');

const declares = (operation: Operation, component: string) =>
  (operation.parameters ?? []).some((p) => '$ref' in p && p.$ref === `#/components/parameters/${component}`);

let f: FixtureTenant;
beforeAll(async () => {
  f = await createFixtureTenant('contract');
});

async function send(method: string, path: string, headers: Record<string, string> = {}) {
  const response = await SELF.fetch(`https://api.test${path}`, {
    method,
    headers: { Authorization: `Bearer ${f.keys.admin}`, 'Content-Type': 'application/json', ...headers },
    body: method === 'GET' || method === 'HEAD' || method === 'TRACE' ? undefined : '{}',
  });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  return { status: response.status, headers: response.headers, body: body as Record<string, unknown> };
}

describe('headers the API enforces are declared where it enforces them', () => {
  it.each(operations.filter((o) => o.path.startsWith('/v1/') && !o.path.startsWith('/v1/intake/')))(
    '$method $path',
    async ({ method, path, operation }) => {
      const withoutKey = await send(method, concrete(path), { 'If-Match': '"1"' });
      const needsKey = withoutKey.status === 400 && withoutKey.body.code === 'IDEMPOTENCY.KEY_MISSING';
      expect(declares(operation, 'IdempotencyKey'), 'Idempotency-Key declared iff refused without it').toBe(
        needsKey,
      );

      const withoutIfMatch = await send(method, concrete(path), { 'Idempotency-Key': crypto.randomUUID() });
      expect(declares(operation, 'IfMatch'), 'If-Match declared iff 428 without it').toBe(
        withoutIfMatch.status === 428,
      );
    },
  );
});

describe('unknown query parameters', () => {
  it.each(operations)('$method $path refuses one with 422 and its path', async ({ method, path }) => {
    const answer = await send(method, `${concrete(path)}?zzUnknown=1`, {
      'Idempotency-Key': crypto.randomUUID(),
      'If-Match': '"1"',
    });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('REQUEST.INVALID');
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: '/zzUnknown', in: 'query' })]);
  });

  it('names a misspelt filter instead of listing everything unfiltered', async () => {
    const answer = await send('GET', '/v1/cases?stauts=open&limit=5');
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ path: '/stauts', in: 'query', message: expect.stringContaining('status') }),
    ]);
  });

  it('still takes the declared ones', async () => {
    expect((await send('GET', '/v1/cases?status=open&limit=5')).status).toBe(200);
  });
});

describe('a known path with another method', () => {
  it.each([
    ['TRACE', '/v1/cases', 'GET, HEAD'],
    ['PUT', '/v1/visits/vis_anything', 'GET, HEAD'],
    ['DELETE', '/v1/agents', 'GET, HEAD, POST'],
    ['POST', '/health', 'GET, HEAD'],
    ['PATCH', '/openapi.json', 'GET, HEAD'],
  ])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
    const answer = await send(method, path, { 'Idempotency-Key': crypto.randomUUID() });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('Allow')).toBe(allow);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('REQUEST.METHOD_NOT_ALLOWED');
  });

  it('an unknown path is still 404', async () => {
    const answer = await send('TRACE', '/v1/nothing-here');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('Allow')).toBeNull();
  });
});
