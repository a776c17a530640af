import { createClient, type DoorstepClient, DoorstepError } from '@doorstep/client';

/**
 * The API key lives in this tab's session storage only: never in a URL (where logs, history and the
 * Referer header would keep it), never in local storage (where it would outlive the tab).
 */
const KEY_ITEM = 'doorstep.console.apiKey';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_ITEM);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY_ITEM, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_ITEM);
}

/**
 * The console calls the API of the origin that served it: same origin, no CORS. With no key (`null`),
 * the request carries no Authorization header and Cloudflare Access's assertion speaks for the person.
 */
export function clientFor(apiKey: string | null): DoorstepClient {
  return createClient({
    baseUrl: location.origin,
    apiKey: apiKey ?? '',
    ...(apiKey === null
      ? {
          fetch: (input: string, init: RequestInit) => {
            const headers = new Headers(init.headers);
            headers.delete('Authorization');
            return fetch(input, { ...init, headers, credentials: 'same-origin' });
          },
        }
      : {}),
  });
}

export function problemText(error: unknown): string {
  if (error instanceof DoorstepError) return `${error.problem.title} — ${error.problem.detail}`;
  return error instanceof Error ? error.message : String(error);
}
