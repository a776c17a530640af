import type { MiddlewareHandler } from 'hono';
import { database } from '../db/client';
import { countingD1 } from '../db/counting-d1';
import type { AppEnv } from '../http/app-env';
import { runtimePorts } from '../ports/runtime';

/** Response header carrying the number of D1 statements a request ran; only outside production. */
export const QUERY_COUNT_HEADER = 'X-D1-Queries';

const countsQueries = (mode: string) => mode === 'local' || mode === 'test';

/**
 * Builds the per-request services (drizzle client, clock, ids) once, like unkey's `init` middleware.
 * Outside production every D1 statement is counted and reported in `X-D1-Queries`, so benchmarks can
 * show a constant number of queries per request.
 *
 * @example
 * app.use('/v1/*', services());
 * app.get('/v1/x', (c) => c.var.services.db.select()…);
 */
export function services(): MiddlewareHandler<AppEnv> {
  return async function servicesMiddleware(c, next) {
    let statements = 0;
    const counting = countsQueries(c.env.DOORSTEP_MODE);
    const d1 = counting ? countingD1(c.env.DB, () => void statements++) : c.env.DB;
    c.set('services', { db: database(d1), d1, ports: runtimePorts(), queryCount: () => statements });
    await next();
    if (counting) c.res.headers.set(QUERY_COUNT_HEADER, String(statements));
  };
}
