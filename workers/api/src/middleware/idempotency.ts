import type { MiddlewareHandler } from 'hono';
import { sha256Hex } from '../crypto/sha256';
import type { AppEnv } from '../http/app-env';
import { ApiError } from '../http/error-codes';
import { IdempotencyKeySchema } from '../http/request-headers';
import {
  claimKey,
  completeKey,
  findKeyRecord,
  type IdempotencyScope,
  reclaimStaleKey,
  releaseKey,
} from '../repositories/idempotency';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Headers a replay must repeat for the client to see the same answer (where the resource is, its version). */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];

export interface IdempotencyOptions {
  /** How long a claim may stay in flight before a retry may take it over (the first attempt died). */
  leaseMs: number;
  /** POSTs that only read (batch lookups): they need no key and their answers are not stored. */
  reads?: (method: string, path: string) => boolean;
}

/**
 * `Idempotency-Key` on every POST: the first request with a key runs and its response is stored; a
 * retry with the same key and body gets that response again (`Idempotent-Replayed: true`); the same
 * key with another body is 422; a retry while the first is still running is 409. Keys are scoped to
 * the API key, so two partners can never collide. A 5xx is not stored, so a retry runs again.
 *
 * @example
 * app.use('/v1/*', services(), authenticate(), idempotency({ leaseMs: 60_000 }));
 */
export function idempotency(options: IdempotencyOptions): MiddlewareHandler<AppEnv> {
  if (!(options.leaseMs > 0)) throw new Error('idempotency: leaseMs must be positive');
  return async function idempotencyMiddleware(c, next) {
    if (c.req.method !== 'POST' || options.reads?.(c.req.method, c.req.path)) return next();
    const parsed = IdempotencyKeySchema.safeParse(c.req.header(IDEMPOTENCY_HEADER));
    if (!parsed.success)
      throw new ApiError(
        'IDEMPOTENCY.KEY_MISSING',
        'Every POST needs an `Idempotency-Key` header (1–255 visible ASCII characters), e.g. a UUID per logical operation.',
        {
          errors: [
            {
              path: `/${IDEMPOTENCY_HEADER}`,
              in: 'header',
              message: 'Required, 1–255 visible ASCII characters',
            },
          ],
        },
      );
    const key = parsed.data;
    const { db, ports } = c.var.services;
    const scope: IdempotencyScope = { tenantId: c.var.auth.tenantId, apiKeyId: c.var.auth.keyId, key };
    const requestHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
    const now = ports.now();

    if (!(await claimKey(db, scope, requestHash, now))) {
      const record = await findKeyRecord(db, scope);
      if (!record)
        throw new ApiError('IDEMPOTENCY.IN_FLIGHT', 'A request with this key just finished failing; retry.');
      if (record.requestHash !== requestHash)
        throw new ApiError(
          'IDEMPOTENCY.KEY_REUSED',
          'This Idempotency-Key was used for a different request; use a new key for a new operation.',
        );
      if (record.state === 'done') {
        const headers = new Headers(record.responseHeaders as Record<string, string>);
        headers.set(REPLAYED_HEADER, 'true');
        return c.newResponse(
          record.responseBody ?? '',
          record.responseStatus as 200,
          Object.fromEntries(headers),
        );
      }
      const stale = record.createdAt < now - options.leaseMs;
      if (!stale || !(await reclaimStaleKey(db, scope, record.createdAt, now)))
        throw new ApiError(
          'IDEMPOTENCY.IN_FLIGHT',
          'A request with this Idempotency-Key is still being processed.',
        );
    }

    await next();
    if (c.res.status >= 500) {
      await releaseKey(db, scope);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = c.res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const body = await c.res.clone().text();
    await completeKey(db, scope, { status: c.res.status, headers, body });
  };
}
