/**
 * Where the local API a developer started listens, so the scripts that talk to it (the demo sender,
 * the tour) find it without being told: `pnpm dev` writes the URL here while it runs and removes it
 * when it stops.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNNING_FILE = fileURLToPath(new URL('../../workers/api/.wrangler/doorstep-dev.json', import.meta.url));

export const DEFAULT_DEV_URL = 'http://127.0.0.1:8787';

export function recordRunning(url: string): () => void {
  mkdirSync(dirname(RUNNING_FILE), { recursive: true });
  writeFileSync(RUNNING_FILE, JSON.stringify({ url, pid: process.pid }));
  return () => rmSync(RUNNING_FILE, { force: true });
}

/** The URL of the API `pnpm dev` is running, if its process is still alive. */
export function runningUrl(): string | null {
  if (!existsSync(RUNNING_FILE)) return null;
  try {
    const { url, pid } = JSON.parse(readFileSync(RUNNING_FILE, 'utf8')) as { url: string; pid: number };
    process.kill(pid, 0);
    return url;
  } catch {
    return null;
  }
}

/** The URL a script should talk to: the one it was given, else the running dev server's, else the default. */
export const apiUrl = (given: string | undefined): string =>
  (given ?? process.env.DOORSTEP_URL ?? runningUrl() ?? DEFAULT_DEV_URL).replace(/\/$/, '');

/** True when a Doorstep API answers `/health` at `url`. */
export const isDoorstep = (url: string): Promise<boolean> =>
  fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) })
    .then(async (response) => response.ok && 'status' in ((await response.json()) as object))
    .catch(() => false);
