/**
 * Lints the OpenAPI document the API builds, as partners' tools will read it: Redocly CLI with its
 * `recommended` ruleset (redocly.yaml) and Spectral with `spectral:oas` (.spectral.yaml). Any error
 * or warning from either fails, so the contract stays at 0/0.
 * Usage: pnpm openapi:lint
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '@doorstep/api';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const dir = mkdtempSync(join(tmpdir(), 'doorstep-openapi-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, `${JSON.stringify(openApiDocument(), null, 2)}\n`);

function run(command: string, args: string[]) {
  const result = spawnSync(bin(command), args, {
    cwd: root,
    encoding: 'utf8',
    // Neither tool may phone home from CI or a developer's machine.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  return { status: result.status ?? 1, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

let failed = false;
try {
  const redocly = run('redocly', ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'json']);
  const report = JSON.parse(redocly.stdout) as {
    totals: { errors: number; warnings: number };
    problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
  };
  for (const problem of report.problems)
    console.log(
      `redocly ${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`,
    );
  console.log(`Redocly (recommended): ${report.totals.errors} errors, ${report.totals.warnings} warnings`);
  failed ||= report.totals.errors + report.totals.warnings > 0;

  const spectral = run('spectral', [
    'lint',
    file,
    '--ruleset',
    join(root, '.spectral.yaml'),
    '--fail-severity',
    'hint',
    '--format',
    'stylish',
  ]);
  console.log(`Spectral (spectral:oas): ${spectral.output.trim()}`);
  failed ||= spectral.status !== 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.error('The OpenAPI document does not lint clean (0 errors, 0 warnings expected).');
  process.exit(1);
}
