import type { MiddlewareHandler } from 'hono';
import { accessConfigOf, verifyAccessToken } from '../auth/access';
import { API_KEY_PREFIX, hashApiKey } from '../auth/api-key';
import { database } from '../db/client';
import type { AppEnv } from '../http/app-env';
import { ApiError } from '../http/error-codes';
import { findKeyByHash, touchKey } from '../repositories/api-keys';
import { directoryShard } from '../shards/bindings';
import { isFenceError } from '../shards/fence';
import { findAccessPlacement, findKeyPlacement } from '../shards/placement';
import { refuseWritesWhileMoving, useTenantDatabase } from './services';

/** `last_used_at` is for humans reviewing keys: minute precision is enough and saves a write per request. */
const LAST_USED_PRECISION_MS = 60_000;

/** The seed's well-known demo keys start like this; they must never open a production deployment. */
const DEMO_KEY_PREFIX = 'dsk_demo_';

const invalidKey = () => new ApiError('AUTH.INVALID_KEY', 'The API key is not valid.');

/** A missed `last_used_at` costs a minute of precision; while the tenant's rows are frozen for a move it is expected. */
const logTouch = (error: Error) => {
  if (!isFenceError(error)) console.error(JSON.stringify({ job: 'api-key.touch', error: error.name }));
};

/**
 * Resolves `Authorization: Bearer dsk_…` to the key's tenant, role and scope (agency, agent), and the
 * tenant's database. One D1 round trip to the directory database, which names the key's tenant and
 * shard and, for a tenant it holds itself, returns the key row in the same batch; a tenant on another
 * shard costs a second round trip, to that shard's primary (a revocation must not wait for a replica).
 * A revoked, expired or unknown key is 401 with the same answer, so probing a key learns nothing about
 * why it failed. Without a key, behind Cloudflare Access (ACCESS_TEAM_DOMAIN and ACCESS_AUD set), a
 * verified `Cf-Access-Jwt-Assertion` stands for the person it names, with the role their
 * `access_members` row (kept with the tenant's rows, on its shard) gives.
 *
 * @example
 * app.use('/v1/*', services(), authenticate());
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticateMiddleware(c, next) {
    const header = c.req.header('Authorization');
    const access = accessConfigOf(c.env);
    const assertion = c.req.header('Cf-Access-Jwt-Assertion');
    if (header === undefined && access && assertion) {
      const { ports } = c.var.services;
      const verdict = await verifyAccessToken(assertion, access, ports.now());
      if (!verdict.ok)
        throw new ApiError('AUTH.INVALID_KEY', 'The Cloudflare Access identity could not be verified.');
      const found = await findAccessPlacement(c.env, verdict.email);
      if (!found)
        throw new ApiError('AUTH.INVALID_KEY', 'This Cloudflare Access identity has no Doorstep role.');
      const { member, placement } = found;
      useTenantDatabase(c, placement);
      c.set('auth', {
        tenantId: member.tenantId,
        keyId: `access:${member.email}`,
        role: member.role,
        agencyId: member.agencyId,
        agentId: member.agentId,
      });
      refuseWritesWhileMoving(c, placement);
      return next();
    }
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    const key = match?.[1];
    if (!key) throw new ApiError('AUTH.MISSING_KEY', 'Send `Authorization: Bearer dsk_…`.');
    if (
      !key.startsWith(API_KEY_PREFIX) ||
      (key.startsWith(DEMO_KEY_PREFIX) && c.env.DOORSTEP_MODE === 'production')
    )
      throw invalidKey();

    const { directory, ports } = c.var.services;
    const keyHash = await hashApiKey(key);
    const found = await findKeyPlacement(c.env, directory, keyHash);
    if (!found) throw invalidKey();
    const { placement } = found;
    const { primary } = useTenantDatabase(c, placement);
    const db = database(primary);
    const row =
      placement.shard === directoryShard(c.env) ? found.keyInDirectory : await findKeyByHash(db, keyHash);
    const now = ports.now();
    if (
      !row ||
      row.tenantId !== placement.tenantId ||
      row.revokedAt !== null ||
      (row.expiresAt !== null && row.expiresAt <= now)
    )
      throw invalidKey();

    c.set('auth', {
      tenantId: row.tenantId,
      keyId: row.id,
      role: row.role,
      agencyId: row.agencyId,
      agentId: row.agentId,
    });
    refuseWritesWhileMoving(c, placement);
    if (row.lastUsedAt === null || row.lastUsedAt < now - LAST_USED_PRECISION_MS)
      c.executionCtx.waitUntil(touchKey(db, row.id, now, LAST_USED_PRECISION_MS).run().catch(logTouch));
    await next();
  };
}
