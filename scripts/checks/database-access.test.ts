/**
 * The API worker gets a tenant's database in one place: `workers/api/src/shards/` (the bindings, the
 * directory's placements) and the `services` middleware and queue consumer that hand it on. A module
 * that read a D1 binding itself would serve every tenant from that one database whatever the directory
 * says, so this fails the build when any other source file names a D1 binding of wrangler.jsonc (or a
 * `DB_n`), or reads `env[…]` by a computed name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../workers/api');
const sourceDir = join(apiDir, 'src');
/** Where binding names may appear: the resolver itself. */
const RESOLVER = join(sourceDir, 'shards');

/** wrangler.jsonc without its comments (none of its strings holds `//` or `/*`). */
function wranglerConfig(): { d1_databases: { binding: string }[]; vars: { SHARDS: string[] } } {
  const text = readFileSync(join(apiDir, 'wrangler.jsonc'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  return JSON.parse(text);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === RESOLVER ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every line of `files` matching `pattern`, as `path:line: text`. */
function offending(files: readonly string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        pattern.test(line) ? [`${relative(apiDir, file)}:${i + 1}: ${line.trim()}`] : [],
      ),
  );
}

describe('database access in the API worker', () => {
  const config = wranglerConfig();
  const bindings = config.d1_databases.map((database) => database.binding);
  const files = sourceFiles(sourceDir);

  it('lists every D1 binding as a shard, and the shards as D1 bindings', () => {
    expect(config.vars.SHARDS.length).toBeGreaterThan(0);
    expect([...config.vars.SHARDS].sort()).toEqual([...bindings].sort());
  });

  it('names no D1 binding outside src/shards/: requests, jobs and sweeps take the database they are given', () => {
    expect(files.length).toBeGreaterThan(50);
    const names = [...new Set([...bindings, 'DB_\\d+'])].join('|');
    expect(offending(files, new RegExp(`(?<![\\w'"\`-])(${names})(?![\\w'"\`-])`))).toEqual([]);
  });

  it('reads no binding from env by a computed name outside src/shards/', () => {
    expect(offending(files, /\benv\s*\[/)).toEqual([]);
  });
});
