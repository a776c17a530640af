/**
 * Runs SQL against one of the API's D1 databases (`binding`, the directory database `DB` unless said) —
 * the local one `pnpm dev` uses, or the deployed one with `remote` — through `wrangler d1 execute
 * --file`, as the admin scripts do. The file is written to a private temporary directory and removed
 * again, since it may hold secrets.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../workers/api');

/**
 * The Worker's wrangler config: workers/api/wrangler.jsonc, or the local one `pnpm dev --shards N`
 * writes, named by `DOORSTEP_WRANGLER_CONFIG` (its local databases kept where wrangler.jsonc's are).
 */
export const wranglerConfigFile = process.env.DOORSTEP_WRANGLER_CONFIG
  ? resolve(process.env.DOORSTEP_WRANGLER_CONFIG)
  : join(apiDir, 'wrangler.jsonc');

export const configArgs = (remote: boolean) =>
  process.env.DOORSTEP_WRANGLER_CONFIG
    ? ['--config', wranglerConfigFile, ...(remote ? [] : ['--persist-to', join(apiDir, '.wrangler/state')])]
    : [];

export interface ExecuteOptions {
  remote: boolean;
  /** The D1 binding of wrangler.jsonc to run against; `DB` (the directory database) by default. */
  binding?: string;
  /** Capture wrangler's `--json` output (one result per statement) instead of showing its table. */
  json?: boolean;
}

export function executeD1(sql: string, options: ExecuteOptions): { status: number; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'doorstep-admin-'));
  const file = join(dir, 'admin.sql');
  writeFileSync(file, sql, { mode: 0o600 });
  try {
    const result = spawnSync(
      join(apiDir, 'node_modules/.bin/wrangler'),
      [
        'd1',
        'execute',
        options.binding ?? 'DB',
        options.remote ? '--remote' : '--local',
        ...(options.json ? ['--json'] : []),
        `--file=${file}`,
        ...configArgs(options.remote),
      ],
      { cwd: apiDir, stdio: ['inherit', options.json ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8' },
    );
    return { status: result.status ?? 1, stdout: result.stdout ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
