import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { isFenceError } from '../shards/fence';
import type { AppEnv } from './app-env';
import { ApiError, type FieldError, MOVING_RETRY_SECONDS } from './error-codes';
import { apiErrorResponse, problemOf, problemResponse } from './problem';
import { methodNotAllowed, refuseUnknownQuery } from './route-guards';
import { routeTable } from './route-table';
import { fieldErrorsOf } from './zod-issues';

const targetLocation: Record<string, FieldError['in']> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
};

/**
 * One Hono app factory for every router: the same validation hook (422 with every field path), the
 * same problem+json error handler and the same request id, so no route can answer differently.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const location = targetLocation[result.target] ?? 'body';
        return problemResponse(
          c,
          problemOf(
            c,
            'REQUEST.INVALID',
            'The request does not match the schema; see `errors`.',
            fieldErrorsOf(result.error.issues, location),
          ),
        );
      }
    },
  });
}

/** zod-openapi's own 415, for a body in another type than the operation declares. */
const UNSUPPORTED =
  'Send the body as the operation declares it (`application/json`), with that Content-Type.';

export function createApp() {
  const app = createRouter();
  const routes = routeTable(app);
  app.use(requestId({ headerName: 'Request-Id' }));
  app.use(secureHeaders());
  app.use(refuseUnknownQuery(routes));
  app.onError((error, c) => {
    if (error instanceof ApiError) return apiErrorResponse(c, error);
    if (error instanceof HTTPException) {
      // Hono's own validators throw 400 for unparsable JSON before zod ever runs.
      if (error.status === 400)
        return problemResponse(c, problemOf(c, 'REQUEST.MALFORMED_JSON', error.message));
      if (error.status === 413) return problemResponse(c, problemOf(c, 'REQUEST.TOO_LARGE', error.message));
      if (error.status === 415)
        return problemResponse(c, problemOf(c, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED));
    }
    // A write that was under way when its tenant's rows were frozen for a move: retried, it is refused
    // up front (or, for intake, held) until the move is over.
    if (isFenceError(error)) {
      c.header('Retry-After', String(MOVING_RETRY_SECONDS));
      return apiErrorResponse(
        c,
        new ApiError('TENANT.MOVING', 'This tenant is being moved to another database; retry in a minute.'),
      );
    }
    // Banking data may sit in an error message (a SQL value, a name): log where it failed, not what it said.
    const frames = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 8).join('\n') : '';
    console.error(JSON.stringify({ requestId: c.get('requestId'), error: error.name, frames }));
    return problemResponse(c, problemOf(c, 'INTERNAL', 'An internal error occurred; quote the request id.'));
  });
  app.notFound(
    (c) =>
      methodNotAllowed(c, routes) ??
      problemResponse(c, problemOf(c, 'RESOURCE.NOT_FOUND', 'No route matches this path.')),
  );
  return app;
}

export type App = ReturnType<typeof createApp>;
