/**
 * `/docs` works with the network cut (issue #17 item 3): the page and everything it references come
 * from this worker's static assets — the renderer is vendored from a pinned npm package, not a CDN —
 * and nothing in the page points at another origin.
 */
import { SELF } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const ORIGIN = 'https://api.test';

/** Every `src`/`href` of the page, and any `url(…)` of inline styles. */
function referencesOf(html: string): string[] {
  const attributes = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1] ?? '');
  const styles = [...html.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)].map((m) => m[1] ?? '');
  return [...attributes, ...styles];
}

const external = (reference: string) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(reference);

describe('/docs with the outbound network cut', () => {
  beforeEach(() => {
    // The worker shares this isolate: any fetch to the outside while serving /docs fails the test.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      throw new Error(`outbound fetch while serving /docs: ${String(input)}`);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('serves the page and every asset it references from the worker itself', async () => {
    const page = await SELF.fetch(`${ORIGIN}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();

    const references = referencesOf(html).filter((r) => !r.startsWith('data:') && !r.startsWith('#'));
    expect(references.filter(external)).toEqual([]);
    expect(html).not.toMatch(/https?:\/\//);
    expect(references).toEqual(
      expect.arrayContaining(['/docs/vendor/scalar-api-reference.js', '/docs/init.js', '/openapi.json']),
    );

    for (const reference of references) {
      const asset = await SELF.fetch(new URL(reference, `${ORIGIN}/docs`).toString());
      expect(asset.status, reference).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, reference).toBeGreaterThan(0);
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('serves the renderer as JavaScript and points it at this worker’s document, with every call-home off', async () => {
    const renderer = await SELF.fetch(`${ORIGIN}/docs/vendor/scalar-api-reference.js`);
    expect(renderer.headers.get('content-type')).toMatch(/javascript/);
    expect((await renderer.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);

    const init = await (await SELF.fetch(`${ORIGIN}/docs/init.js`)).text();
    expect(init).toContain("url: '/openapi.json'");
    expect(init).toContain('withDefaultFonts: false');
    expect(init).toContain('telemetry: false');
    expect(init).not.toMatch(/https?:\/\//);

    const document = await SELF.fetch(`${ORIGIN}/openapi.json`);
    expect(document.status).toBe(200);
    expect(((await document.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('answers 404 problem+json for a file the reference does not have', async () => {
    const missing = await SELF.fetch(`${ORIGIN}/docs/vendor/nothing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
