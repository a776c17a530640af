import type { Database } from '../db/client';
import type { RuntimePorts } from '../ports/runtime';

export interface AuthContext {
  tenantId: string;
  keyId: string;
  role: 'admin' | 'supervisor' | 'agent' | 'agency' | 'analyst';
  agencyId: string | null;
  agentId: string | null;
}

/** Built once per request by the `services` middleware, so handlers never reach for `c.env` themselves. */
export interface Services {
  db: Database;
  /** The same D1 binding drizzle uses, for raw statements other modules hand over for one batch. */
  d1: D1Database;
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
