/**
 * A throwaway local D1 for benchmarks: wrangler applies the real migrations into a temporary
 * `--persist-to` folder, the bench bulk-loads wrangler's own SQLite file with `node:sqlite`, then runs
 * its SQL through workerd's D1 (`wrangler d1 execute --local --json`), whose reported `duration` is the
 * time D1 spent on the statement (wrangler's start-up excluded).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const apiDir = join(root, 'workers/api');
const wrangler = join(apiDir, 'node_modules/.bin/wrangler');

export interface Executed {
  results: Record<string, unknown>[];
  meta: { duration: number; rows_read?: number };
}

export interface LocalD1 {
  /** Wrangler's SQLite file behind the binding, for bulk loading. */
  sqliteFile: string;
  /** The `--persist-to` folder, for `getPlatformProxy` (its state lives under `v3/`). */
  persistTo: string;
  /** Runs one SQL text through workerd's D1 and returns the last statement's result. */
  execute(sql: string): Executed;
  /** Writes `bench-results/<name>.json` and removes the temporary database (unless `keep`, to study it). */
  finish(name: string, result: unknown, keep?: boolean): void;
}

export function createLocalD1(name: string): LocalD1 {
  const persistTo = mkdtempSync(join(tmpdir(), `doorstep-bench-${name}-`));
  const run = (args: string[]): string => {
    const result = spawnSync(wrangler, [...args, '--local', '--persist-to', persistTo], {
      cwd: apiDir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
    if (result.status !== 0)
      throw new Error(`wrangler ${args.slice(0, 3).join(' ')} failed:\n${result.stderr}`);
    return result.stdout;
  };
  console.log(`Local D1 in ${persistTo}; applying migrations…`);
  run(['d1', 'migrations', 'apply', 'DB']);
  const sqliteFile = readdirSync(persistTo, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.sqlite') && entry.parentPath.includes('D1'))
    .map((entry) => join(entry.parentPath, entry.name))[0];
  if (!sqliteFile) throw new Error(`no D1 SQLite file under ${persistTo}`);
  return {
    sqliteFile,
    persistTo,
    execute(sql) {
      const parsed = JSON.parse(run(['d1', 'execute', 'DB', '--json', '--command', sql])) as Executed[];
      return parsed[parsed.length - 1]!;
    },
    finish(benchName, result, keep = false) {
      mkdirSync(join(root, 'bench-results'), { recursive: true });
      writeFileSync(join(root, `bench-results/${benchName}.json`), `${JSON.stringify(result, null, 2)}\n`);
      if (keep) console.log(`Kept the database: ${sqliteFile}`);
      else rmSync(persistTo, { recursive: true, force: true });
      console.log(`Written to bench-results/${benchName}.json`);
    },
  };
}
