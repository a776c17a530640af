import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import { ApiError } from '../http/error-codes';

/**
 * Per-API-key rate limit through the `API_RATE_LIMITER` binding (limit and period live in
 * wrangler.jsonc). Keyed by key id, not IP: one agency's burst must not throttle a bank's other apps.
 *
 * @example
 * app.use('/v1/*', services(), authenticate(), rateLimit());
 */
export function rateLimit(): MiddlewareHandler<AppEnv> {
  return async function rateLimitMiddleware(c, next) {
    const { success } = await c.env.API_RATE_LIMITER.limit({ key: c.var.auth.keyId });
    if (!success) {
      c.header('Retry-After', '60');
      throw new ApiError('RATE_LIMITED', 'Too many requests for this API key; retry after a minute.');
    }
    await next();
  };
}
