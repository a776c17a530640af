import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../http/app-env';
import { BOOKMARK_HEADER } from '../shards/read-session';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from './idempotency';

/**
 * CORS for the browser origins listed in `CORS_ORIGINS` (comma-separated); any other origin gets no
 * CORS headers, so browsers refuse the response. Read per request because `env` is per request.
 */
export function partnerCors(): MiddlewareHandler<AppEnv> {
  return cors({
    origin: (origin, c) => {
      const allowed = String(c.env.CORS_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0);
      return allowed.includes(origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'If-Match', IDEMPOTENCY_HEADER, BOOKMARK_HEADER],
    exposeHeaders: [
      'ETag',
      'Location',
      'Request-Id',
      'Retry-After',
      'Rollup-Built-At',
      REPLAYED_HEADER,
      BOOKMARK_HEADER,
    ],
    maxAge: 600,
  });
}
