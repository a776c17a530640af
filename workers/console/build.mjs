/**
 * Builds the console into the API worker's static assets (`workers/api/public/console`). Run by
 * wrangler's custom build before `wrangler dev` and `wrangler deploy` (also `--dry-run`), and by the API
 * worker's vitest config, so a fresh clone never needs a prebuilt console.
 *
 *   node workers/console/build.mjs [--if-missing]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
export const CONSOLE_INDEX = fileURLToPath(new URL('../api/public/console/index.html', import.meta.url));

export async function buildConsole({ ifMissing = false } = {}) {
  if (ifMissing && existsSync(CONSOLE_INDEX)) return;
  await build({ root, configFile: `${root}vite.config.ts`, logLevel: 'warn' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConsole({ ifMissing: process.argv.includes('--if-missing') });
  console.log('console built into workers/api/public/console');
}
