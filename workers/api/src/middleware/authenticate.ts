import type { MiddlewareHandler } from 'hono';
import { accessConfigOf, verifyAccessToken } from '../auth/access';
import { API_KEY_PREFIX, hashApiKey } from '../auth/api-key';
import type { AppEnv } from '../http/app-env';
import { ApiError } from '../http/error-codes';
import { findAccessMember } from '../repositories/access-members';
import { findKeyByHash, touchKey } from '../repositories/api-keys';

/** `last_used_at` is for humans reviewing keys: minute precision is enough and saves a write per request. */
const LAST_USED_PRECISION_MS = 60_000;

/** The seed's well-known demo keys start like this; they must never open a production deployment. */
const DEMO_KEY_PREFIX = 'dsk_demo_';

/**
 * Resolves `Authorization: Bearer dsk_…` to the key's tenant, role and scope (agency, agent). One D1
 * read per request; a revoked, expired or unknown key is 401 with the same answer, so probing a key
 * learns nothing about why it failed. Without a key, behind Cloudflare Access (ACCESS_TEAM_DOMAIN and
 * ACCESS_AUD set), a verified `Cf-Access-Jwt-Assertion` stands for the person it names, with the role
 * their `access_members` row gives.
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
      const { db, ports } = c.var.services;
      const verdict = await verifyAccessToken(assertion, access, ports.now());
      if (!verdict.ok)
        throw new ApiError('AUTH.INVALID_KEY', 'The Cloudflare Access identity could not be verified.');
      const member = await findAccessMember(db, verdict.email);
      if (!member)
        throw new ApiError('AUTH.INVALID_KEY', 'This Cloudflare Access identity has no Doorstep role.');
      c.set('auth', {
        tenantId: member.tenantId,
        keyId: `access:${member.email}`,
        role: member.role,
        agencyId: member.agencyId,
        agentId: member.agentId,
      });
      return next();
    }
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    const key = match?.[1];
    if (!key) throw new ApiError('AUTH.MISSING_KEY', 'Send `Authorization: Bearer dsk_…`.');
    if (
      !key.startsWith(API_KEY_PREFIX) ||
      (key.startsWith(DEMO_KEY_PREFIX) && c.env.DOORSTEP_MODE === 'production')
    )
      throw new ApiError('AUTH.INVALID_KEY', 'The API key is not valid.');

    const { db, ports } = c.var.services;
    const row = await findKeyByHash(db, await hashApiKey(key));
    const now = ports.now();
    if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now))
      throw new ApiError('AUTH.INVALID_KEY', 'The API key is not valid.');

    c.set('auth', {
      tenantId: row.tenantId,
      keyId: row.id,
      role: row.role,
      agencyId: row.agencyId,
      agentId: row.agentId,
    });
    if (row.lastUsedAt === null || row.lastUsedAt < now - LAST_USED_PRECISION_MS)
      c.executionCtx.waitUntil(touchKey(db, row.id, now, LAST_USED_PRECISION_MS).run());
    await next();
  };
}
