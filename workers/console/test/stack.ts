/**
 * The local stack the browser tests (and bench:console) drive: README command 1's start script on
 * its own ports and a throw-away database, then the demo day through the public API. With
 * DOORSTEP_STACK_URL set (a stack someone else started, already seeded), that one is used instead.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@doorstep/client';
import { prepareDemoDay } from '../../../scripts/seed/demo-day';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export const DEMO_ADMIN_KEY = 'dsk_demo_admin_0d00r5t3p1ocalonly';
export const DEMO_SUPERVISOR_KEY = 'dsk_demo_supervisor_l0calonly7q2';
export const DEMO_ZONE = 'Asia/Shanghai';
export const DEMO_REGION = 'reg_futian';

export interface Stack {
  url: string;
  /** The throw-away local state (D1, Queues) of a stack this module started; null for DOORSTEP_STACK_URL. */
  state: string | null;
  planId: string;
  experimentId: string;
  date: string;
  analystKey: string;
  stop: () => Promise<void>;
}

export interface StackOptions {
  /** First of the ports this stack may use: the API, then wrangler's inspector. */
  port: number;
  customers: number;
  agents?: number;
  teams: number;
  /** The district the demo day plans; null plans the whole city. */
  regionId?: string | null;
}

const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );

async function healthy(url: string, child: ChildProcess | null, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`the local stack exited (${child.exitCode})`);
    const ok = await fetch(`${url}/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`the local stack at ${url} was not healthy within ${timeoutMs / 1000} s`);
    await new Promise((done) => setTimeout(done, 500));
  }
}

export async function startStack(options: StackOptions): Promise<Stack> {
  let child: ChildProcess | null = null;
  let state: string | null = null;
  let url = process.env.DOORSTEP_STACK_URL?.replace(/\/$/, '');
  if (!url) {
    url = `http://127.0.0.1:${options.port}`;
    state = mkdtempSync(join(tmpdir(), 'doorstep-console-'));
    child = spawn(
      join(repoRoot, 'node_modules/.bin/tsx'),
      [
        'scripts/dev/start.ts',
        '--port',
        String(options.port),
        '--inspector-port',
        String(options.port + 1),
        '--persist-to',
        state,
        '--customers',
        String(options.customers),
        '--performing',
        String(options.customers),
        '--agents',
        String(options.agents ?? 20),
        '--no-demo-day',
      ],
      {
        cwd: repoRoot,
        detached: true,
        stdio: ['ignore', 'ignore', 'inherit'],
        // A tile server nobody listens on: the map must draw routes, stops and scale without tiles.
        env: { ...process.env, CONSOLE_TILE_URL: `http://127.0.0.1:${options.port + 5}/{z}/{x}/{y}.png` },
      },
    );
  }
  const stop = async () => {
    if (child?.pid && child.exitCode === null) {
      // The start script, wrangler and workerd share the process group started above.
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((done) => child?.once('exit', done));
    }
    if (state) rmSync(state, { recursive: true, force: true });
  };
  try {
    await healthy(url, child, 180_000);
    const admin = createClient({ baseUrl: url, apiKey: DEMO_ADMIN_KEY });
    const date = todayIn(DEMO_ZONE);
    const day = await prepareDemoDay(admin, {
      date,
      regionId: options.regionId === undefined ? DEMO_REGION : options.regionId,
      teams: options.teams,
    });
    const analyst = await admin.call('createApiKey', {
      body: { name: 'Console browser tests (analyst)', role: 'analyst' },
    });
    return { url, state, date, ...day, analystKey: analyst.data.secret, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
