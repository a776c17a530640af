import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('edge');
});

const lastUsed = async (keyId: string) =>
  (
    await env.DB.prepare('SELECT last_used_at FROM api_keys WHERE id = ?')
      .bind(keyId)
      .first<{ last_used_at: number | null }>()
  )?.last_used_at ?? null;

describe('partner API edges: rate limit, CORS, key last use', () => {
  it('answers 429 problem+json with Retry-After once a key spent its quota, and only for that key', async () => {
    // The real rate-limit binding (miniflare's), spent for the analyst key up to its configured limit.
    // Its window is the wall-clock minute: if the minute turns between spending and asking, spend again.
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 2 && limited?.status !== 429; attempt++) {
      for (let spent = false; !spent; ) {
        const outcomes = await Promise.all(
          Array.from({ length: 200 }, () => env.API_RATE_LIMITER.limit({ key: f.keyIds.analyst })),
        );
        spent = outcomes.some((outcome) => !outcome.success);
      }
      limited = await call(f.keys.analyst, 'GET', '/v1/cases');
    }
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get('content-type')).toContain('application/problem+json');
    expect(limited?.headers.get('Retry-After')).toBe('60');
    expect(await limited?.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await call(f.keys.supervisor, 'GET', '/v1/cases')).status).toBe(200);
  }, 30_000);

  it('CORS: a configured origin gets its preflight and exposed headers; any other origin gets none', async () => {
    const preflight = (origin: string) =>
      SELF.fetch('https://api.test/v1/cases', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, idempotency-key, content-type',
        },
      });
    const allowed = await preflight('https://agent-app.example');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://agent-app.example');
    expect(allowed.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('idempotency-key');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBeNull();

    const response = await SELF.fetch('https://api.test/v1/cases', {
      headers: { Authorization: `Bearer ${f.keys.supervisor}`, Origin: 'https://supervisor.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://supervisor.example');
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Request-Id');
  });

  it('records when a key was last used', async () => {
    expect(await lastUsed(f.keyIds.agency)).toBeNull();
    const before = Date.now();
    expect((await call(f.keys.agency, 'GET', '/v1/cases')).status).toBe(200);
    // Written after the response (waitUntil), so give it a moment.
    let at: number | null = null;
    for (let i = 0; i < 50 && at === null; i++) {
      at = await lastUsed(f.keyIds.agency);
      if (at === null) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(at).not.toBeNull();
    expect(at!).toBeGreaterThanOrEqual(before - 1);
  });
});
