export interface AuthContext {
  tenantId: string;
  keyId: string;
  role: 'admin' | 'supervisor' | 'agent' | 'agency' | 'analyst';
  agencyId: string | null;
  agentId: string | null;
}

/** What every request handler can read from the Hono context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    auth: AuthContext;
  };
}
