import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import { refused, TENANT_HEADER } from '../intake/request';
import { placementOf } from '../shards/placement';
import { useTenantDatabase } from './services';

/** Tenant ids are short; anything longer is not one, and is not worth a directory read. */
const MAX_TENANT_ID = 64;

/**
 * Intake is authenticated by the tenant's signing secrets, which live on the tenant's shard: the tenant
 * the delivery names picks the database, before the signature over the body is checked there. Naming
 * another tenant only sends the request to that tenant's secrets, which it cannot sign with. A read
 * with an API key instead of a signature is placed by `authenticate()`.
 *
 * @example
 * app.use('/v1/intake/*', services(), intakeTenant());
 */
export function intakeTenant(): MiddlewareHandler<AppEnv> {
  return async function intakeTenantMiddleware(c, next) {
    const tenantId = c.req.header(TENANT_HEADER);
    // An operator reading a batch with an admin API key names no tenant: `authenticate()` finds the
    // key's tenant in the directory and places the request there, as on the partner API.
    if (!tenantId && c.req.method === 'GET' && c.req.header('Authorization') !== undefined) return next();
    if (!tenantId || tenantId.length > MAX_TENANT_ID) throw refused();
    useTenantDatabase(c, await placementOf(c.env, tenantId, c.var.services.directory));
    await next();
  };
}
