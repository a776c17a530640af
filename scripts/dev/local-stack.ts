/**
 * The local Doorstep stack for scripts that load it (benchmarks, the fuzz): reuse one that answers at a
 * URL, or start `scripts/dev/start.ts` in its own process group and stop the whole group afterwards
 * (wrangler and workerd outlive a plain kill and would serve the next run stale code).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface StackOptions {
  baseUrl: string;
  /** wrangler's debugger port; a free one when not given, so parallel stacks never collide. */
  inspectorPort?: number;
  /** A separate local state directory (e.g. a throw-away database), passed to start.ts. */
  persistTo?: string;
  /** Demo size flags for start.ts, e.g. ['--customers', '60']. */
  seed?: string[];
  startTimeoutMs?: number;
  /** Where the stack's output goes; the terminal when not given. */
  logFile?: string;
}

export interface LocalStack {
  baseUrl: string;
  /** True when this process started the stack (and `stop` will end it). */
  started: boolean;
  stop(): void;
}

/** A TCP port nothing listens on right now, from the OS. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

export const isHealthy = (baseUrl: string) =>
  fetch(`${baseUrl}/health`)
    .then((r) => r.ok)
    .catch(() => false);

export async function ensureLocalStack(options: StackOptions): Promise<LocalStack> {
  const { baseUrl } = options;
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(baseUrl))
    throw new Error('Only a stack on 127.0.0.1 may be loaded.');
  if (await isHealthy(baseUrl)) return { baseUrl, started: false, stop: () => {} };
  const port = new URL(baseUrl).port;
  const inspectorPort = options.inspectorPort ?? (await freePort());
  console.log(`Nothing answers at ${baseUrl}; starting the local stack on port ${port}…`);
  const args = [
    'scripts/dev/start.ts',
    '--port',
    port,
    '--inspector-port',
    String(inspectorPort),
    ...(options.persistTo ? ['--persist-to', options.persistTo] : []),
    ...(options.seed ?? []),
  ];
  // Its own process group, so that stopping it also stops the wrangler and workerd it starts.
  let log: number | 'inherit' = 'inherit';
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    log = openSync(options.logFile, 'w');
  }
  const child: ChildProcess = spawn(join(root, 'node_modules/.bin/tsx'), args, {
    cwd: root,
    stdio: ['ignore', log === 'inherit' ? 'ignore' : log, log],
    detached: true,
  });
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null)
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
  };
  const started = Date.now();
  while (!(await isHealthy(baseUrl))) {
    if (child.exitCode !== null)
      throw new Error(`the local stack exited (${child.exitCode}) before it was healthy`);
    if (Date.now() - started > (options.startTimeoutMs ?? 180_000)) {
      stop();
      throw new Error('the local stack did not start in time');
    }
    await new Promise((done) => setTimeout(done, 1000));
  }
  return { baseUrl, started: true, stop };
}
