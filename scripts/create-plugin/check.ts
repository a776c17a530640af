/**
 * The scaffold check (`pnpm create-plugin:check`, a step of `pnpm check`): in a throw-away copy of
 * the workspace, scaffold a plugin of every kind as an author would, prove the workspace installs with
 * `--frozen-lockfile` once the updated lockfile is kept, run each new package's tests (typechecked)
 * and typecheck it and the worker that registers them all, then delete the copy. Budget: 6 minutes.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCAFFOLD_KINDS } from './templates';

const BUDGET_MS = 360_000;
const root = fileURLToPath(new URL('../..', import.meta.url));
const started = Date.now();

const run = (cwd: string, command: string, args: string[]) => {
  const left = BUDGET_MS - (Date.now() - started);
  if (left <= 0) throw new Error(`scaffold check: over its ${BUDGET_MS / 1000} s budget before ${command}`);
  console.log(`$ ${[command, ...args].join(' ')}`);
  execFileSync(command, args, { cwd, stdio: 'inherit', timeout: left, env: { ...process.env, CI: 'true' } });
};

/** The files a fresh clone would have: tracked ones plus new ones not ignored, as they are on disk. */
const workspaceFiles = () =>
  execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(root, file)));

const copy = mkdtempSync(join(tmpdir(), 'doorstep-scaffold-'));
try {
  for (const file of workspaceFiles()) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(root, file), join(copy, file));
  }
  const pnpm = (...args: string[]) => run(copy, 'npx', ['-y', 'pnpm@10', ...args]);
  pnpm('install', '--frozen-lockfile', '--offline', '--reporter=silent');
  // One plugin of each kind: every template must compile and pass as generated. The screening one is
  // `demo-check`, the plugin docs/plugins.md walks through; the others `demo-<kind>`, e.g. `demo-follow-up`.
  const names = SCAFFOLD_KINDS.map((kind) =>
    kind === 'screening' ? 'demo-check' : `demo-${kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  );
  for (const [i, kind] of SCAFFOLD_KINDS.entries()) pnpm('create-plugin', names[i]!, '--kind', kind);
  // What CI does on the author's next commit, lockfile included.
  pnpm('install', '--frozen-lockfile', '--offline', '--reporter=silent');
  const filters = names.flatMap((name) => ['--filter', `@doorstep/plugin-${name}`]);
  pnpm(...filters, 'run', 'test');
  pnpm(...filters, 'run', 'typecheck');
  pnpm('--filter', '@doorstep/api', 'run', 'typecheck');
  console.log(`scaffold check passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  rmSync(copy, { recursive: true, force: true });
}
