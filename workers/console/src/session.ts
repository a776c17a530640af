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

/** The console calls the API of the origin that served it: same origin, no CORS. */
export function clientFor(apiKey: string): DoorstepClient {
  return createClient({ baseUrl: location.origin, apiKey });
}

export function problemText(error: unknown): string {
  if (error instanceof DoorstepError) return `${error.problem.title} — ${error.problem.detail}`;
  return error instanceof Error ? error.message : String(error);
}
