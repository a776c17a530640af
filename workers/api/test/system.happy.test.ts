import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('system endpoints', () => {
  it('reports health with the applied migration level', async () => {
    const response = await SELF.fetch('https://api.test/health');
    expect(response.status).toBe(200);
    const body = await response.json<{
      status: string;
      database: { reachable: boolean; migration: string };
    }>();
    expect(body.status).toBe('ok');
    expect(body.database.reachable).toBe(true);
    expect(body.database.migration).toBe(env.TEST_MIGRATIONS.at(-1)?.name);
  });

  it('serves the API reference page', async () => {
    const response = await SELF.fetch('https://api.test/docs');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('/openapi.json');
  });

  it('answers unknown paths with problem+json', async () => {
    const response = await SELF.fetch('https://api.test/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = await response.json<{ code: string; requestId: string }>();
    expect(body.code).toBe('RESOURCE.NOT_FOUND');
    expect(body.requestId).toBe(response.headers.get('Request-Id'));
  });
});
