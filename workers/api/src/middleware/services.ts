import type { Context, MiddlewareHandler } from 'hono';
import { database } from '../db/client';
import { countingD1 } from '../db/counting-d1';
import type { AppEnv } from '../http/app-env';
import { ApiError, MOVING_RETRY_SECONDS } from '../http/error-codes';
import { runtimePorts } from '../ports/runtime';
import { directoryDatabase } from '../shards/bindings';
import { type Placement, placedDatabase } from '../shards/placement';
import {
  BOOKMARK_HEADER,
  bookmarkHeaderValue,
  isRead,
  sessionAsDatabase,
  sessionStart,
} from '../shards/read-session';

/** Response header carrying the number of D1 statements a request ran; only outside production. */
export const QUERY_COUNT_HEADER = 'X-D1-Queries';
/** Response header carrying the number of round trips to D1 (a batch is one); only outside production. */
export const ROUND_TRIP_HEADER = 'X-D1-Round-Trips';

const countsQueries = (mode: string) => mode === 'local' || mode === 'test';

interface Counters {
  statements: number;
  roundTrips: number;
}

/** What the request learned on the way: how to count statements, and the tenant's session once known. */
interface RequestDatabases {
  count: (d1: D1Database) => D1Database;
  session?: { shard: string; session: D1DatabaseSession };
}

const requests = new WeakMap<Request, RequestDatabases>();

const beforeTheTenant = (): never => {
  throw new Error('The tenant database is known only after authentication (or the intake tenant header)');
};

/**
 * Builds the per-request services (clock, ids, the directory) once, like unkey's `init` middleware;
 * the tenant's database joins them when the tenant is known (`useTenantDatabase`). Outside production
 * every D1 statement is counted and reported in `X-D1-Queries`, and every round trip (a statement run
 * alone, or a batch) in `X-D1-Round-Trips`, so benchmarks can show constant costs per request; every
 * answer that read its tenant's database carries `x-d1-bookmark`.
 *
 * @example
 * app.use('/v1/*', services(), authenticate());
 * app.get('/v1/x', (c) => c.var.services.db.select()…);
 */
export function services(): MiddlewareHandler<AppEnv> {
  return async function servicesMiddleware(c, next) {
    const counters: Counters = { statements: 0, roundTrips: 0 };
    const counting = countsQueries(c.env.DOORSTEP_MODE);
    const count = (d1: D1Database) =>
      counting
        ? countingD1(d1, {
            onStatement: () => void counters.statements++,
            onRoundTrip: () => void counters.roundTrips++,
          })
        : d1;
    const databases: RequestDatabases = { count };
    requests.set(c.req.raw, databases);
    c.set('services', {
      get db() {
        return beforeTheTenant();
      },
      get d1() {
        return beforeTheTenant();
      },
      placement: null,
      directory: count(directoryDatabase(c.env)),
      ports: runtimePorts(),
      queryCount: () => counters.statements,
    });
    await next();
    if (counting) {
      c.res.headers.set(QUERY_COUNT_HEADER, String(counters.statements));
      c.res.headers.set(ROUND_TRIP_HEADER, String(counters.roundTrips));
    }
    const bookmark = databases.session
      ? bookmarkHeaderValue(databases.session.shard, databases.session.session)
      : null;
    if (bookmark) c.res.headers.set(BOOKMARK_HEADER, bookmark);
  };
}

/**
 * The one place a request gets its tenant's database: the shard the directory names, through a D1
 * session (read replicas for reads, see `read-session.ts`). Returns the shard's primary for the reads
 * that must not lag behind a write, like the API key itself.
 */
export function useTenantDatabase(c: Context<AppEnv>, placement: Placement): { primary: D1Database } {
  const databases = requests.get(c.req.raw);
  if (!databases) throw new Error('services() must run before the tenant database is chosen');
  const shard = placedDatabase(c.env, placement);
  const session = shard.withSession(
    sessionStart(c.req.method, c.req.header(BOOKMARK_HEADER), placement.shard),
  );
  databases.session = { shard: placement.shard, session };
  const d1 = databases.count(sessionAsDatabase(session));
  const { directory, ports, queryCount } = c.var.services;
  c.set('services', { db: database(d1), d1, placement, directory, ports, queryCount });
  return { primary: databases.count(shard) };
}

/** While its tenant moves, a partner request may read (the frozen rows) but not write: 503, retry later. */
export function refuseWritesWhileMoving(c: Context<AppEnv>, placement: Placement): void {
  if (placement.state !== 'moving' || isRead(c.req.method)) return;
  c.header('Retry-After', String(MOVING_RETRY_SECONDS));
  throw new ApiError(
    'TENANT.MOVING',
    'This tenant is being moved to another database; reads work, writes resume within minutes. Retry later with the same Idempotency-Key.',
  );
}
