/**
 * Builds the console into the API worker's static assets (`workers/api/public/console`). Run by
 * wrangler's custom build before `wrangler dev` and `wrangler deploy` (also `--dry-run`), and by the API
 * worker's vitest config, so a fresh clone never needs a prebuilt console.
 *
 *   node workers/console/build.mjs [--if-missing]
 *
 * Several of those can run at once (`pnpm check` starts worker tests and a dev stack side by side), so
 * the build goes to a directory of its own and is swapped into place whole: a reader sees the old build
 * or the new one, never a half-emptied directory. Same sources give the same hashed file names.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../api/public/console', import.meta.url));
/** Outside the assets directory (git-ignored), so nobody serves or watches a build in progress. */
const WORK_DIR = fileURLToPath(new URL('../api/.wrangler/console-build', import.meta.url));
export const CONSOLE_INDEX = `${OUT_DIR}/index.html`;

export async function buildConsole({ ifMissing = false } = {}) {
  if (ifMissing && existsSync(CONSOLE_INDEX)) return;
  mkdirSync(WORK_DIR, { recursive: true });
  const fresh = `${WORK_DIR}/new-${process.pid}`;
  const stale = `${WORK_DIR}/old-${process.pid}`;
  await build({
    root,
    configFile: `${root}vite.config.ts`,
    logLevel: 'warn',
    build: { outDir: fresh, emptyOutDir: true },
  });
  if (existsSync(OUT_DIR)) renameSync(OUT_DIR, stale);
  renameSync(fresh, OUT_DIR);
  rmSync(stale, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConsole({ ifMissing: process.argv.includes('--if-missing') });
  console.log('console built into workers/api/public/console');
}
