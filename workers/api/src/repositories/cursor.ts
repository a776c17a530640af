import type { z } from 'zod';
import { ApiError } from '../http/error-codes';

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key. Keyset (never OFFSET) keeps pages
 * stable while rows are inserted concurrently: a new row lands before or after the cursor, never
 * shifting what the next page starts with.
 */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.infer<T> | null {
  if (cursor === undefined) return null;
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const parsed = shape.safeParse(
      JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)))),
    );
    if (parsed.success) return parsed.data;
  } catch {
    // A hand-edited or truncated cursor is a client error, reported below like any other bad field.
  }
  throw new ApiError('REQUEST.INVALID', 'The cursor is not one this API issued; start again without it.', {
    errors: [{ path: '/cursor', in: 'query', message: 'Invalid cursor' }],
  });
}

/** Splits the `limit + 1` rows a list query fetched into the page and the next cursor. */
export function paginate<R>(rows: R[], limit: number, keyOf: (row: R) => (string | number | null)[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
