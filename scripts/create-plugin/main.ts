/**
 * `pnpm create-plugin <name> --kind <screening|compliance|preparation|planning|repayment|followUp>`:
 * scaffolds `packages/plugin-<name>` (definition, reason catalogue, options schema, a table-driven
 * test on the test kit, a README), registers it in `workers/api/src/plugins.ts`, and installs it,
 * which updates `pnpm-lock.yaml`.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArguments, scaffold } from './scaffold';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The pnpm that runs us (`pnpm create-plugin`), else the one the README uses. */
const pnpm = (args: string[]) => {
  const execPath = process.env.npm_execpath;
  const [command, prefix] =
    execPath?.includes('pnpm') === true ? [process.execPath, [execPath]] : ['npx', ['-y', 'pnpm@10']];
  execFileSync(command, [...prefix, ...args], { cwd: root, stdio: 'inherit' });
};

const parsed = parseArguments(process.argv.slice(2));
if ('error' in parsed) {
  console.error(parsed.error);
  process.exit(2);
}
const { name, kind } = parsed;
let created: ReturnType<typeof scaffold>;
try {
  created = scaffold(root, name, kind);
} catch (error) {
  console.error(`create-plugin: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const { names, directory, files } = created;

// Links the package into the workspace and records it in pnpm-lock.yaml.
pnpm(['install', '--prefer-offline', '--no-frozen-lockfile']);
execFileSync(join('node_modules', '.bin', 'biome'), ['check', '--write', '--log-level=error', ...files], {
  cwd: root,
  stdio: 'inherit',
});

const column = (file: string) => file.padEnd(name.length + 13);
console.log(`
Created ${names.packageName}: the ${kind} policy "${names.id}", in ${directory}/
  ${column(`src/${name}.ts`)} the definition: reason catalogue, options schema and defaults, create()
  ${column(`src/${name}.test.ts`)} a table-driven test on the test kit's builders (typechecked when it runs)
  ${column('src/index.ts')} the group to register: ${names.group}
  ${column('README.md')} what it does, how to test it
Registered in workers/api/src/plugins.ts, and a dependency of workers/api/package.json.

pnpm-lock.yaml now lists the new package: commit it with the package. Until you do, an install with
--frozen-lockfile (what CI runs) fails.

Next:
  npx vitest run --project ${names.packageName}     its tests
  npx -y pnpm@10 dev     the local API, with "${names.id}" installed
  then name it in a policy set: docs/plugins.md, "5. Activate it in the local API".
`);
