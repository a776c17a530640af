import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env';
import { problemOf, problemResponse } from '../../http/problem';

/**
 * Serves a file of the worker's static assets (the API reference, the console). Cloudflare answers
 * these paths before the worker runs; a request reaches this handler when it gets to the worker anyway
 * (the vitest pool calls the worker directly). `what` names the asset set in a 404's detail.
 */
export const serveStaticAsset =
  (what: string, indexOf?: { path: string; index: string }) => async (c: Context<AppEnv>) => {
    // The asset layer answers a folder's bare path with a redirect to its slash; the worker serves its page.
    const url = new URL(c.req.url);
    const request = indexOf && url.pathname === indexOf.path ? new URL(indexOf.index, url) : c.req.raw;
    const asset = await c.env.ASSETS.fetch(request);
    if (asset.status === 404)
      return problemResponse(c, problemOf(c, 'RESOURCE.NOT_FOUND', `No such file of ${what}.`));
    // A copy with mutable headers, so the app's middleware (secure headers, request id) can add its own.
    return new Response(asset.body, asset);
  };
