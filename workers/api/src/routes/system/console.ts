import type { createRouter } from '../../http/app';
import { serveStaticAsset } from './static-asset';

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
  app.get('/console/*', serveStaticAsset('the console'));
}
