import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import { ApiError } from '../http/error-codes';
import { IfMatchSchema } from '../http/request-headers';

/** A row's `version` as a strong entity tag; `If-Match` must echo it for an update to apply. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Refuses an update without `If-Match` (428) rather than applying it blindly, because two field agents
 * editing one visit is exactly the case it guards; a value that is not one of our ETags cannot match
 * (412). Installed by `partnerRoute({ ifMatch: true })`, which also declares the header, so the
 * document names it wherever it is enforced.
 */
export function requireIfMatch(): MiddlewareHandler<AppEnv> {
  return async function requireIfMatchMiddleware(c, next) {
    const header = c.req.header('If-Match');
    if (header === undefined)
      throw new ApiError('PRECONDITION.REQUIRED', 'Send `If-Match` with the ETag you last read.', {
        errors: [{ path: '/If-Match', in: 'header', message: 'Required' }],
      });
    const parsed = IfMatchSchema.safeParse(header.trim());
    if (!parsed.success)
      throw new ApiError(
        'PRECONDITION.FAILED',
        'If-Match does not match the current version of the resource.',
      );
    c.set('ifMatch', Number(parsed.data.slice(1, -1)));
    await next();
  };
}

/** The version the client last saw, as `requireIfMatch` read it from `If-Match`. */
export function ifMatchVersion(c: Context<AppEnv>): number {
  const version = c.var.ifMatch;
  // A bug, not a client error: the route reads If-Match without declaring it in the document.
  if (version === undefined)
    throw new Error('This route reads If-Match; declare it with partnerRoute({ ifMatch: true }).');
  return version;
}

export function staleVersion(): ApiError {
  return new ApiError(
    'PRECONDITION.FAILED',
    'The resource changed since you read it; read it again and reapply your change.',
  );
}
