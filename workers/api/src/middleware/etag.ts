import type { Context } from 'hono';
import { ApiError } from '../http/error-codes';

/** A row's `version` as a strong entity tag; `If-Match` must echo it for an update to apply. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version the client last saw, from `If-Match`. Updates without it are refused (428) rather than
 * applied blindly, because two field agents editing one visit is exactly the case it guards.
 */
export function ifMatchVersion(c: Context): number {
  const header = c.req.header('If-Match');
  if (header === undefined)
    throw new ApiError('PRECONDITION.REQUIRED', 'Send `If-Match` with the ETag you last read.', {
      errors: [{ path: '/If-Match', in: 'header', message: 'Required' }],
    });
  const version = /^"(\d{1,15})"$/.exec(header.trim())?.[1];
  if (version === undefined)
    throw new ApiError('PRECONDITION.FAILED', 'If-Match does not match the current version of the resource.');
  return Number(version);
}

export function staleVersion(): ApiError {
  return new ApiError(
    'PRECONDITION.FAILED',
    'The resource changed since you read it; read it again and reapply your change.',
  );
}
