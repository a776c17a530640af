import type { Database } from '../db/client';
import type { RuntimePorts } from '../ports/runtime';
import type { Placement } from '../shards/placement';

export interface AuthContext {
  tenantId: string;
  keyId: string;
  role: 'admin' | 'supervisor' | 'agent' | 'agency' | 'analyst';
  agencyId: string | null;
  agentId: string | null;
}

/**
 * Built once per request by the `services` middleware, so handlers never reach for `c.env` themselves.
 * `db` and `d1` are the tenant's database, chosen once the tenant is known (after authentication, or
 * from the intake tenant header) by `useTenantDatabase`; reading them earlier throws.
 */
export interface Services {
  db: Database;
  /** The same D1 database drizzle uses, for raw statements other modules hand over for one batch. */
  d1: D1Database;
  /** Where the tenant lives and whether it is moving; null until the tenant is known. */
  placement: Placement | null;
  /** The directory database: tenants' placements, the API-key index, held intake. */
  directory: D1Database;
  ports: RuntimePorts;
  /** D1 statements this request sent so far; exposed as a header in local and test mode for benchmarks. */
  queryCount: () => number;
}

/** What every request handler can read from the Hono context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    auth: AuthContext;
    services: Services;
    /** The version `If-Match` named, on routes that declare it (see `requireIfMatch`). */
    ifMatch: number | undefined;
  };
}
