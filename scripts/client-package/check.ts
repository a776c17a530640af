/**
 * @doorstep/client as a partner gets it: packed (`pnpm pack`, which builds it), installed from the
 * tarball into a fresh project outside the workspace, the sample typechecked by `tsc` under
 * `moduleResolution` nodenext, node16 and bundler, then run by plain `node` against a Doorstep API
 * (it lists cases, walks pages, reads a CSV report and handles a refusal). Also checks that the built
 * files use nothing of Node, so the same package runs in browsers and Workers.
 *
 * Used by `pnpm client:check` and the stack checks of `pnpm check` (`scripts/dev/stack-checks.ts`).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const clientDir = join(root, 'packages/client');
const sampleDir = join(root, 'scripts/client-package/sample');
const MODES = ['nodenext', 'node16', 'bundler'] as const;

/** The first `node` on PATH outside the workspace: the Node a partner runs, not the tools' Node 22. */
function plainNode(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'node');
    if (!dir.includes('node_modules') && existsSync(candidate)) return candidate;
  }
  return process.execPath;
}

const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export interface ClientCheck {
  tarball: string;
  node: string;
  output: Record<string, unknown>;
}

/** Packs, installs, typechecks and runs the sample against `baseUrl` with `apiKey`; throws on any failure. */
export function checkClientPackage(baseUrl: string, apiKey: string, log = console.log): ClientCheck {
  const work = mkdtempSync(join(tmpdir(), 'doorstep-client-'));
  try {
    run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', work], clientDir);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error('pnpm pack wrote no tarball');
    log(`packed ${tarball}`);

    const project = join(work, 'partner-app');
    cpSync(sampleDir, project, { recursive: true });
    // npm, not the workspace's pnpm: a partner's project knows nothing of this repository.
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, tarball)], project);
    const installed = JSON.parse(
      readFileSync(join(project, 'node_modules/@doorstep/client/package.json'), 'utf8'),
    ) as { dependencies?: object };
    if (Object.keys(installed.dependencies ?? {}).length > 0)
      throw new Error('@doorstep/client must install without dependencies');
    const built = join(project, 'node_modules/@doorstep/client/dist');
    for (const file of readdirSync(built).filter((name) => name.endsWith('.js'))) {
      // The code, not its doc comments (whose examples may well read process.env).
      const code = readFileSync(join(built, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/from ['"]node:|require\(|\bprocess\./.test(code))
        throw new Error(`dist/${file} uses Node: the client must run in browsers and Workers too`);
    }

    const tsc = join(root, 'node_modules/.bin/tsc');
    for (const mode of MODES) {
      run(tsc, ['-p', `tsconfig.${mode}.json`], project);
      log(`typechecked the sample with moduleResolution ${mode}`);
    }

    const node = plainNode();
    const version = run(node, ['--version'], project).trim();
    const output = run(node, ['out-nodenext/sample.js'], project, {
      ...process.env,
      DOORSTEP_URL: baseUrl,
      DOORSTEP_KEY: apiKey,
    });
    log(`ran the sample with ${node} ${version}: ${output.trim()}`);
    return { tarball, node: `${node} ${version}`, output: JSON.parse(output) as Record<string, unknown> };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What the sample must have seen of a seeded local stack. */
export function sampleProblems(output: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (output.firstPage !== 5) problems.push(`the first page held ${output.firstPage} cases, not 5`);
  if (output.pages !== 3) problems.push(`paginate gave ${output.pages} pages, not 3`);
  if (typeof output.csvHeader !== 'string' || !output.csvHeader.includes(','))
    problems.push(`the CSV report came back as ${JSON.stringify(output.csvHeader)}, not CSV text`);
  if (typeof output.csvRows !== 'number' || output.csvRows < 1) problems.push('the CSV report has no rows');
  if (output.refusal !== 'RESOURCE.NOT_FOUND')
    problems.push(`a missing case was refused as ${JSON.stringify(output.refusal)}, not RESOURCE.NOT_FOUND`);
  return problems;
}
