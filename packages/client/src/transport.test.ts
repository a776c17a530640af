import { describe, expect, it } from 'vitest';
import { DoorstepError, DoorstepTransportError } from './errors.js';
import { send } from './transport.js';

const problem = (status: number, code: string) =>
  new Response(
    JSON.stringify({
      type: 'about:blank',
      title: 't',
      status,
      detail: 'd',
      code,
      requestId: 'r',
      instance: '/',
    }),
    {
      status,
      headers: { 'content-type': 'application/problem+json' },
    },
  );

/** A fetch that answers from a script, recording every request's Idempotency-Key. */
function scripted(...answers: (Response | Error)[]) {
  const keys: (string | null)[] = [];
  const fetch = async (_: string, init: RequestInit) => {
    keys.push(new Headers(init.headers).get('Idempotency-Key'));
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  };
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return { fetch, keys, waits, sleep };
}

const post: RequestInit = { method: 'POST', headers: { 'Idempotency-Key': 'key-1' }, body: '{}' };

describe('send', () => {
  it('retries a lost connection, a 503 and a key still in flight with the same Idempotency-Key', async () => {
    const api = scripted(
      new TypeError('fetch failed'),
      problem(503, 'SERVICE.UNAVAILABLE'),
      problem(409, 'IDEMPOTENCY.IN_FLIGHT'),
      new Response('{"id":"vis_1"}', { status: 201, headers: { 'content-type': 'application/json' } }),
    );
    const answer = await send('https://api.test/v1/visits', post, { ...api, retry: { attempts: 4 } });
    expect(answer).toMatchObject({ status: 201, data: { id: 'vis_1' } });
    expect(api.keys).toEqual(['key-1', 'key-1', 'key-1', 'key-1']);
    expect(api.waits).toHaveLength(3);
  });

  it('waits as long as Retry-After says', async () => {
    const limited = problem(429, 'RATE_LIMITED');
    limited.headers.set('Retry-After', '7');
    const api = scripted(limited, new Response('{}', { headers: { 'content-type': 'application/json' } }));
    await send('https://api.test/v1/cases', { method: 'GET' }, api);
    expect(api.waits).toEqual([7000]);
  });

  it('gives up after the attempts, with the last problem or the network error', async () => {
    const busy = scripted(problem(503, 'SERVICE.UNAVAILABLE'), problem(503, 'SERVICE.UNAVAILABLE'));
    await expect(
      send('https://api.test/v1/cases', { method: 'GET' }, { ...busy, retry: { attempts: 2 } }),
    ).rejects.toMatchObject({
      name: 'DoorstepError',
      status: 503,
    });
    const down = scripted(new TypeError('fetch failed'), new TypeError('fetch failed'));
    const error = await send(
      'https://api.test/v1/cases',
      { method: 'GET' },
      { ...down, retry: { attempts: 2 } },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(DoorstepTransportError);
    expect(error.status).toBeNull();
  });

  it('does not retry a refusal: it is the answer, with its problem document', async () => {
    const api = scripted(problem(422, 'REQUEST.INVALID'));
    const error = await send('https://api.test/v1/visits', post, api).catch((e) => e);
    expect(error).toBeInstanceOf(DoorstepError);
    expect(error.problem.code).toBe('REQUEST.INVALID');
    expect(api.keys).toHaveLength(1);
  });

  it('reads CSV as text, JSON as data, and an error page without a problem as a transport error', async () => {
    const csv = scripted(
      new Response('region,value\nfutian,3\n', { headers: { 'content-type': 'text/csv; charset=utf-8' } }),
    );
    expect((await send('https://api.test/r', { method: 'GET' }, csv)).data).toBe('region,value\nfutian,3\n');
    const proxy = scripted(
      new Response('<html>Bad gateway</html>', { status: 400, headers: { 'content-type': 'text/html' } }),
    );
    const error = await send('https://api.test/r', { method: 'GET' }, proxy).catch((e) => e);
    expect(error).toBeInstanceOf(DoorstepTransportError);
    expect(error).toMatchObject({ status: 400, body: '<html>Bad gateway</html>' });
  });
});
