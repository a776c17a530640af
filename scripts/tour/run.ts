/**
 * `pnpm tour`: runs the README's tour against a Doorstep API and fails if any answer differs from the
 * tour in status or shape (its route's declared schema). Without `--url` (or DOORSTEP_URL, or a
 * running `pnpm dev`) it starts a throwaway local stack on a free port and stops it afterwards.
 *
 * Usage: npx -y pnpm@10 tour [--url http://127.0.0.1:8787] [--port N]
 *        npx -y pnpm@10 tour --write-readme     (renders the README's tour section from steps.ts)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { contractProblems, declaredRoutes } from '@doorstep/api/http/declared-routes';
import { startLocalStack } from '../dev/local-stack';
import { runningUrl } from '../dev/running';
import { withTour } from './render';
import { type ContractCheck, runTour } from './run-steps';

const routes = declaredRoutes();

const contract: ContractCheck = (method, path, answer) =>
  contractProblems(routes, method, new URL(path, 'http://tour').pathname, {
    status: answer.status,
    contentType: answer.contentType,
    json: () => JSON.parse(answer.body) as unknown,
  });

/** Runs the tour against `url`; the failures, empty when every answer was the tour's. */
export async function tourFailures(
  url: string,
  log: (line: string) => void = console.log,
): Promise<string[]> {
  const started = Date.now();
  const { failures, ran, skipped } = await runTour(url, contract, log);
  log(
    `tour: ${ran} requests, ${skipped} skipped, ${failures.length} failures in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return failures;
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      port: { type: 'string' },
      'write-readme': { type: 'boolean', default: false },
    },
  });
  if (values['write-readme']) {
    const readme = new URL('../../README.md', import.meta.url);
    writeFileSync(readme, withTour(readFileSync(readme, 'utf8')));
    console.log('README.md: tour section rendered from scripts/tour/steps.ts');
    return;
  }
  const given = values.url ?? process.env.DOORSTEP_URL ?? runningUrl() ?? undefined;
  const stack =
    given === undefined
      ? await startLocalStack(values.port === undefined ? {} : { port: Number(values.port) })
      : null;
  try {
    const failures = await tourFailures((given ?? stack?.url ?? '').replace(/\/$/, ''));
    if (failures.length > 0) {
      console.error(`\nThe tour broke:\n${failures.map((f) => `  ${f}`).join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await stack?.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
