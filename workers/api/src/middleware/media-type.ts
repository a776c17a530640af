import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import { ApiError } from '../http/error-codes';

/**
 * Refuses a request body in another media type than the operation takes, with 415, before anything
 * reads it: a form post or an XML document must not be parsed as if it were what we expect. For the
 * routes zod-openapi does not validate itself (intake, whose raw bytes are signed).
 *
 * @example
 * app.use('/v1/intake/events', requireMediaType(['application/json']));
 */
export function requireMediaType(types: readonly string[]): MiddlewareHandler<AppEnv> {
  if (types.length === 0) throw new Error('requireMediaType: name at least one media type');
  const accepted = new Set(types.map((type) => type.toLowerCase()));
  return async function mediaTypeMiddleware(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const essence = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!accepted.has(essence))
      throw new ApiError(
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        `Send this body as ${types.join(' or ')}, with that Content-Type.`,
      );
    return next();
  };
}
