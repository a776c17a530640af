/**
 * A throwaway local stack for the checks that need a running API (`pnpm tour`, `pnpm client:check`
 * and `pnpm check`'s stack checks): `pnpm dev` on a free port with its own state in a temporary
 * folder, started in a process group of its own so stopping it stops wrangler and workerd with it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDoorstep } from './running';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface LocalStack {
  url: string;
  stop: () => Promise<void>;
}

/** A port nothing listens on now, chosen by the system. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  process.kill(-child.pid, 'SIGTERM');
  const force = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 10_000);
  return exited.finally(() => clearTimeout(force));
}

/**
 * Starts the stack (a small demo tenant: enough cases for several pages) and resolves once `/health`
 * answers and the demo day is prepared; its output goes to `log` only if it fails to start.
 */
export async function startLocalStack(
  options: { port?: number; log?: (line: string) => void; demoSize?: string[] } = {},
): Promise<LocalStack> {
  const log = options.log ?? console.log;
  const port = options.port ?? (await freePort());
  const state = mkdtempSync(join(tmpdir(), 'doorstep-stack-'));
  const url = `http://127.0.0.1:${port}`;
  // Its own inspector port too: wrangler's default (9229) may belong to another stack on this machine.
  const args = ['scripts/dev/start.ts', '--port', String(port), '--inspector-port', String(await freePort())];
  args.push(
    '--persist-to',
    state,
    ...(options.demoSize ?? ['--customers', '300', '--performing', '300', '--agents', '20']),
  );
  const child = spawn(join(root, 'node_modules/.bin/tsx'), args, {
    cwd: root,
    detached: true,
    // The Node running this script (the workspace's, which wrangler requires) comes first on the child's PATH.
    env: { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const stop = async () => {
    await stopGroup(child);
    rmSync(state, { recursive: true, force: true });
  };
  const failed = async (why: string) => {
    await stop();
    log(output);
    return new Error(`the local stack on ${url} ${why} (see its output above)`);
  };
  const started = Date.now();
  log(`starting a local stack on ${url} …`);
  while (!(await isDoorstep(url))) {
    if (child.exitCode !== null || Date.now() - started > 180_000) {
      throw await failed('did not start');
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  // What a reader of the README has after `pnpm dev`: the console's demo day, prepared once it is up.
  while (!/Demo day ready|demo day could not be prepared/.test(output)) {
    if (child.exitCode !== null || Date.now() - started > 300_000) {
      throw await failed('did not prepare its demo day');
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  if (/demo day could not be prepared/.test(output)) throw await failed('could not prepare its demo day');
  log(`local stack ready on ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, stop };
}

/**
 * The stack a script loads (a benchmark, the fuzz): the Doorstep answering at `url` when there is one,
 * left running afterwards; otherwise a throwaway one of `demoSize`, stopped afterwards.
 */
export async function reuseOrStartLocalStack(
  url: string | undefined,
  options: { port?: number; demoSize?: string[] } = {},
): Promise<LocalStack> {
  if (url !== undefined && (await isDoorstep(url))) return { url, stop: async () => {} };
  const port = options.port ?? (url === undefined ? undefined : Number(new URL(url).port) || undefined);
  return startLocalStack({ ...options, ...(port === undefined ? {} : { port }) });
}
