import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './app-env';
import { ApiError } from './error-codes';

/**
 * Keyset cursors, signed: base64url JSON of the last row's sort key, then an HMAC-SHA-256 of it bound to
 * the tenant and the list's path. Keyset (never OFFSET) keeps pages stable while rows are inserted; the
 * signature means a client can only hand back a position this API gave it for this list — an edited,
 * forged or borrowed cursor is 422 at `/cursor`, never a query from a position we did not choose.
 */

/** The key of local and test runs, where no secret is configured; production refuses to run without one. */
const LOCAL_SIGNING_KEY = 'doorstep-local-cursor-signing-key';

/** `CURSOR_SIGNING_KEY` (a Worker secret), or the local key in `local` and `test` mode only. */
export function cursorSigningKey(env: Pick<Env, 'CURSOR_SIGNING_KEY' | 'DOORSTEP_MODE'>): string {
  const configured = env.CURSOR_SIGNING_KEY;
  if (configured) return configured;
  if (env.DOORSTEP_MODE === 'local' || env.DOORSTEP_MODE === 'test') return LOCAL_SIGNING_KEY;
  throw new Error('CURSOR_SIGNING_KEY is not set: `wrangler secret put CURSOR_SIGNING_KEY`');
}

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(secret, key);
  }
  return key;
}

const toBase64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');

const fromBase64url = (text: string) =>
  Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (ch) => ch.charCodeAt(0));

/** What a cursor is bound to: the tenant of the key and the list's path (its filters may change). */
function signed(c: Context<AppEnv>, payload: string): Uint8Array {
  return encoder.encode(`${c.var.auth.tenantId}\n${c.req.path}\n${payload}`);
}

export async function encodeCursor(
  c: Context<AppEnv>,
  key: readonly (string | number | null)[],
): Promise<string> {
  const payload = toBase64url(encoder.encode(JSON.stringify(key)));
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(cursorSigningKey(c.env)), signed(c, payload));
  return `${payload}.${toBase64url(new Uint8Array(mac))}`;
}

const invalidCursor = () =>
  new ApiError(
    'REQUEST.INVALID',
    'The cursor is not one this API issued for this list; start again without it.',
    {
      errors: [{ path: '/cursor', in: 'query', message: 'Invalid cursor' }],
    },
  );

/** The position a cursor holds, after checking its signature (in constant time) and its shape. */
export async function decodeCursor<T extends z.ZodType>(
  c: Context<AppEnv>,
  cursor: string | undefined,
  shape: T,
): Promise<z.infer<T> | null> {
  if (cursor === undefined) return null;
  const [payload, mac, ...rest] = cursor.split('.');
  if (!payload || !mac || rest.length > 0) throw invalidCursor();
  let value: unknown;
  try {
    const key = await hmacKey(cursorSigningKey(c.env));
    if (!(await crypto.subtle.verify('HMAC', key, fromBase64url(mac), signed(c, payload))))
      throw invalidCursor();
    value = JSON.parse(new TextDecoder().decode(fromBase64url(payload)));
  } catch (error) {
    // Base64 or JSON a client mangled is its error; a missing signing key is ours and stays a 500.
    if (
      error instanceof ApiError ||
      error instanceof SyntaxError ||
      (error as Error).name === 'InvalidCharacterError'
    )
      throw invalidCursor();
    throw error;
  }
  const parsed = shape.safeParse(value);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

/** Splits the `limit + 1` rows a list query fetched into the page and the next page's signed cursor. */
export async function paginate<R>(
  c: Context<AppEnv>,
  rows: R[],
  limit: number,
  keyOf: (row: R) => (string | number | null)[],
): Promise<{ items: R[]; nextCursor: string | null }> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? await encodeCursor(c, keyOf(last)) : null,
  };
}
