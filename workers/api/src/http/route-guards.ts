import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { problemOf, problemResponse } from './problem';
import type { RouteTable } from './route-table';

/**
 * Refuses a query parameter the operation does not declare (422 with its path), on every documented
 * operation: a misspelt filter (`?stauts=open`) must not silently return the unfiltered list.
 */
export function refuseUnknownQuery(routes: RouteTable): MiddlewareHandler<AppEnv> {
  return async function refuseUnknownQueryMiddleware(c, next) {
    const url = new URL(c.req.url);
    if (url.search === '') return next();
    const operation = routes.operationOf(c.req.method, url.pathname);
    if (!operation) return next();
    const unknown = [...new Set(url.searchParams.keys())].filter((name) => !operation.query.has(name));
    if (unknown.length === 0) return next();
    const known = [...operation.query].join(', ') || 'none';
    return problemResponse(
      c,
      problemOf(
        c,
        'REQUEST.INVALID',
        'The request has query parameters this operation does not take; see `errors`.',
        unknown.map((name) => ({
          path: `/${name}`,
          in: 'query' as const,
          message: `Unknown query parameter (this operation takes: ${known})`,
        })),
      ),
    );
  };
}

/** 405 with `Allow` when the path is known but not for this method, or null for an unknown path. */
export function methodNotAllowed(c: Context<AppEnv>, routes: RouteTable): Response | null {
  const allowed = routes.methodsOf(c.req.path);
  if (allowed.length === 0) return null;
  const response = problemResponse(
    c,
    problemOf(
      c,
      'REQUEST.METHOD_NOT_ALLOWED',
      `${c.req.method} is not allowed here; use ${allowed.join(', ')}.`,
    ),
  );
  response.headers.set('Allow', allowed.join(', '));
  return response;
}
