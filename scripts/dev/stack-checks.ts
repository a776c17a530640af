/**
 * The checks of `pnpm check` that need a running API, against ONE throwaway local stack started once:
 * the README tour (`pnpm tour`) and the packed client's sample (`pnpm client:check`). Each stays
 * runnable on its own. Bounded: past the budget the stack is stopped and the check fails.
 *
 * Usage: npx -y pnpm@10 stack:check [--budget-seconds 600] [--port N]
 */
// First: the tour's contract check reads the routes' OpenAPI schemas, which exist only if zod-openapi
// extended zod before any package built a schema (the client check's seed imports some).
import '@doorstep/api/http/declared-routes';
import { parseArgs } from 'node:util';
import { clientPackageFailures } from '../client-package/run';
import { tourFailures } from '../tour/run';
import { startLocalStack } from './local-stack';

const { values } = parseArgs({
  options: { 'budget-seconds': { type: 'string', default: '600' }, port: { type: 'string' } },
});
const budgetMs = Number(values['budget-seconds']) * 1000;

const stack = await startLocalStack(values.port === undefined ? {} : { port: Number(values.port) });
const overrun = setTimeout(() => {
  console.error(`stack checks: over their budget of ${values['budget-seconds']} s; stopping the stack`);
  void stack.stop().finally(() => process.exit(1));
}, budgetMs);
try {
  const failures = [
    ...(await tourFailures(stack.url)).map((f) => `tour: ${f}`),
    ...clientPackageFailures(stack.url).map((p) => `client package: ${p}`),
  ];
  if (failures.length > 0) {
    console.error(`\nStack checks failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
    process.exitCode = 1;
  } else console.log('stack checks: the tour and the packed client both passed');
} finally {
  clearTimeout(overrun);
  await stack.stop();
}
