import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('the console beside the API', () => {
  it('leads the bare origin to the console', async () => {
    const response = await SELF.fetch('https://api.test/', { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/console/');
  });

  it('serves the built console and every script and stylesheet its page names, from this origin', async () => {
    const page = await SELF.fetch('https://api.test/console/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="app">');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
    expect(assets.some((path) => path.endsWith('.js'))).toBe(true);
    for (const path of assets) {
      expect(path.startsWith('/console/assets/')).toBe(true);
      const asset = await SELF.fetch(`https://api.test${path}`);
      expect(asset.status, path).toBe(200);
      await asset.arrayBuffer();
    }
  });

  it('tells the console its map settings, and answers a missing file with problem+json', async () => {
    const config = await SELF.fetch('https://api.test/console/config.json');
    expect(await config.json()).toEqual({ tileUrl: '', tileAttribution: '' });
    const missing = await SELF.fetch('https://api.test/console/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });
});
