/**
 * `pnpm client:check`: packs @doorstep/client, installs the tarball into a project outside the
 * workspace, typechecks the sample under nodenext, node16 and bundler and runs it with plain node
 * against a Doorstep API (`--url`, DOORSTEP_URL, else a throwaway local stack on a free port).
 *
 * Usage: npx -y pnpm@10 client:check [--url http://127.0.0.1:8787] [--port N]
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalStack } from '../dev/local-stack';
import { demoTenant } from '../seed/demo-tenant';
import { checkClientPackage, sampleProblems } from './check';

/** The packed-package check against `url`; what went wrong, empty when all did as a partner expects. */
export function clientPackageFailures(url: string, log: (line: string) => void = console.log): string[] {
  const started = Date.now();
  try {
    const { output } = checkClientPackage(url, demoTenant.adminKey, log);
    const problems = sampleProblems(output);
    log(`client package: ${problems.length} problems in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return problems;
  } catch (error) {
    const details = error as { message: string; stdout?: string; stderr?: string };
    return [`${details.message}${details.stdout ?? ''}${details.stderr ?? ''}`];
  }
}

async function main() {
  const { values } = parseArgs({ options: { url: { type: 'string' }, port: { type: 'string' } } });
  const given = values.url ?? process.env.DOORSTEP_URL;
  const stack =
    given === undefined
      ? await startLocalStack(values.port === undefined ? {} : { port: Number(values.port) })
      : null;
  try {
    const problems = clientPackageFailures((given ?? stack?.url ?? '').replace(/\/$/, ''));
    if (problems.length > 0) {
      console.error(`\nThe packed client failed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await stack?.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
