/**
 * Turns a valid request into an invalid one, the ways clients and attackers get requests wrong: a
 * missing or mistyped field, a body that is not JSON or not JSON at all, a hostile path parameter,
 * an unknown query parameter, a bad header, no key. Every one must still get a declared answer.
 */
import fc from 'fast-check';

export interface WireRequest {
  method: string;
  path: string;
  /** Which segments of `path` are parameters (a hostile value goes there, not into the route's literals). */
  parameterSegments: number[];
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The raw body as sent. */
  body?: string;
}

const HOSTILE_SEGMENTS = [
  '%2e%2e%2f',
  '%00',
  "'; DROP TABLE cases;--",
  'x'.repeat(300),
  '%E2%80%AE',
  '%F0%9F%98%80',
  '%ZZ',
];

const BODY_MUTATIONS = ['drop-field', 'retype-field', 'not-json', 'not-an-object', 'form-body'] as const;
const OTHER_MUTATIONS = [
  'hostile-path',
  'unknown-query',
  'bad-idempotency-key',
  'bad-if-match',
  'no-key',
  'bad-key',
] as const;

export type Mutation = (typeof BODY_MUTATIONS)[number] | (typeof OTHER_MUTATIONS)[number];

function pickOne<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function mutateBody(body: string | undefined, how: 'drop-field' | 'retype-field', random: () => number) {
  let value: unknown;
  try {
    value = JSON.parse(body ?? '');
  } catch {
    return body;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify([value]);
  const object = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(object);
  if (keys.length === 0) return JSON.stringify({ unexpected: true });
  const key = pickOne(keys, random);
  if (how === 'drop-field') delete object[key];
  else
    object[key] = fc.sample(fc.jsonValue({ maxDepth: 2 }), {
      numRuns: 1,
      seed: Math.floor(random() * 2 ** 31),
    })[0];
  return JSON.stringify(object);
}

/** One invalid variant of `request`, and what was done to it. */
export function mutate(
  request: WireRequest,
  random: () => number,
): { request: WireRequest; mutation: Mutation } {
  // GET and DELETE carry no body; a path without parameters has no segment to make hostile.
  const options: Mutation[] = [
    ...(request.method === 'GET' || request.method === 'DELETE' ? [] : BODY_MUTATIONS),
    ...OTHER_MUTATIONS.filter((m) => m !== 'hostile-path' || request.parameterSegments.length > 0),
  ];
  const mutation = pickOne(options, random);
  const next: WireRequest = { ...request, query: { ...request.query }, headers: { ...request.headers } };
  switch (mutation) {
    case 'drop-field':
    case 'retype-field':
      next.body = mutateBody(request.body, mutation, random);
      next.headers['Content-Type'] = 'application/json';
      break;
    case 'not-json':
      next.body = pickOne(['{"a":', 'not json', '', '\u0000\u0001', '{"a":1}{"b":2}'], random);
      next.headers['Content-Type'] = 'application/json';
      break;
    case 'not-an-object':
      next.body = pickOne(['null', '[]', '42', '"text"', 'true'], random);
      next.headers['Content-Type'] = 'application/json';
      break;
    case 'form-body':
      next.body = 'a=b&c=d';
      next.headers['Content-Type'] = pickOne(
        [
          'application/x-www-form-urlencoded',
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
        ],
        random,
      );
      break;
    case 'hostile-path': {
      const segments = next.path.split('/');
      segments[pickOne(request.parameterSegments, random)] = pickOne(HOSTILE_SEGMENTS, random);
      next.path = segments.join('/');
      break;
    }
    case 'unknown-query':
      next.query[pickOne(['debug', 'admin', 'stauts', 'limit[]', '__proto__'], random)] = '1';
      break;
    case 'bad-idempotency-key':
      next.headers['Idempotency-Key'] = pickOne(['', ' ', 'k'.repeat(256), 'cl\u00e9 \u00e0'], random);
      break;
    case 'bad-if-match':
      next.headers['If-Match'] = pickOne(['*', 'W/"1"', '"abc"', '"999999999999999999"', ''], random);
      break;
    case 'no-key':
      delete next.headers.Authorization;
      break;
    case 'bad-key':
      next.headers.Authorization = pickOne(
        ['Bearer dsk_nope', 'Basic Zm9vOmJhcg==', 'Bearer ', 'dsk_x'],
        random,
      );
      break;
  }
  return { request: next, mutation };
}
