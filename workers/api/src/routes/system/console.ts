import type { Context } from 'hono';
import type { createRouter } from '../../http/app';
import type { AppEnv } from '../../http/app-env';
import { problemOf, problemResponse } from '../../http/problem';

export const CONSOLE_PATH = '/console/';

/**
 * The supervisor console: static files built by `workers/console` into this worker's assets. Cloudflare
 * serves them before the worker runs; these routes answer what is not a file (`/`, the console's map
 * settings) and serve the files when a request reaches the worker anyway (the vitest pool calls it directly).
 */
export function registerConsole(app: ReturnType<typeof createRouter>) {
  // The bare origin leads a person somewhere useful rather than to a JSON 404.
  app.get('/', (c) => c.redirect(CONSOLE_PATH, 302));
  app.get('/console/config.json', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json({
      tileUrl: c.env.CONSOLE_TILE_URL ?? '',
      tileAttribution: c.env.CONSOLE_TILE_ATTRIBUTION ?? '',
    });
  });
  app.get('/console', (c) => c.redirect(CONSOLE_PATH, 301));
  app.get('/console/*', serveConsoleAsset);
}

async function serveConsoleAsset(c: Context<AppEnv>) {
  const asset = await c.env.ASSETS.fetch(c.req.raw);
  if (asset.status === 404)
    return problemResponse(c, problemOf(c, 'RESOURCE.NOT_FOUND', 'No such file of the console.'));
  // A copy with mutable headers, so the app's middleware (secure headers, request id) can add its own.
  return new Response(asset.body, asset);
}
