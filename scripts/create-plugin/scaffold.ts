/**
 * Writes a new plugin package into `packages/` and registers it in the deployment's plugin list
 * (`workers/api/src/plugins.ts`), so a plugin author starts from a green, installed package.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Names, SCAFFOLD_KINDS, type ScaffoldKind, templates } from './templates';

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const PLUGINS_FILE = 'workers/api/src/plugins.ts';
const GROUPS_MARKER = '  // create-plugin: new groups go above this line';
const API_PACKAGE = 'workers/api/package.json';

export type Arguments = { name: string; kind: ScaffoldKind } | { error: string };

export const USAGE = `Usage: pnpm create-plugin <name> --kind <${SCAFFOLD_KINDS.join('|')}>`;

/** `demo-check --kind screening` (or `--kind=screening`) → what to scaffold, or why not. */
export function parseArguments(argv: readonly string[]): Arguments {
  const rest = [...argv];
  let kind: string | undefined;
  const positional: string[] = [];
  while (rest.length > 0) {
    const arg = rest.shift()!;
    if (arg === '--kind') kind = rest.shift();
    else if (arg.startsWith('--kind=')) kind = arg.slice('--kind='.length);
    else if (arg.startsWith('-')) return { error: `Unknown option ${arg}\n${USAGE}` };
    else positional.push(arg);
  }
  const [name, ...extra] = positional;
  if (name === undefined || extra.length > 0) return { error: USAGE };
  if (!NAME.test(name))
    return {
      error: `"${name}" is not a kebab-case name (letters, digits, single dashes): it becomes the plugin id`,
    };
  if (kind === 'riskModel')
    return {
      error: 'A risk model is trained, not scaffolded: start from credit-default-gbm (docs/risk-model.md)',
    };
  if (!(SCAFFOLD_KINDS as readonly string[]).includes(kind ?? ''))
    return {
      error: `--kind must be one of ${SCAFFOLD_KINDS.join(', ')}${kind ? ` (got "${kind}")` : ''}\n${USAGE}`,
    };
  return { name, kind: kind as ScaffoldKind };
}

export function namesOf(name: string): Names {
  const value = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return { id: name, value, group: `${value}Policies`, packageName: `@doorstep/plugin-${name}` };
}

export interface Scaffolded {
  directory: string;
  files: string[];
  names: Names;
}

/** Writes the package and the registration; leaves installing (the lockfile) to the caller. */
export function scaffold(root: string, name: string, kind: ScaffoldKind): Scaffolded {
  const names = namesOf(name);
  const directory = `packages/plugin-${name}`;
  if (existsSync(join(root, directory))) throw new Error(`${directory} already exists`);
  const template = templates[kind];
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: names.packageName,
        version: '0.1.0',
        private: true,
        type: 'module',
        description: `A Doorstep ${kind} policy plugin: ${names.id}.`,
        exports: { '.': './src/index.ts' },
        scripts: { typecheck: 'tsc -p tsconfig.json', test: 'vitest run' },
        peerDependencies: { '@doorstep/core': 'workspace:^' },
        devDependencies: { '@doorstep/core': 'workspace:*', '@doorstep/testkit': 'workspace:*' },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }, null, 2)}\n`,
    'vitest.config.ts': `import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests run and are typechecked: a test that compiles only by accident fails here, not in review.
    typecheck: { enabled: true, include: ['src/**/*.test.ts', 'src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
`,
    [`src/${name}.ts`]: template.definition(names),
    [`src/${name}.test.ts`]: template.test(names),
    'src/index.ts': `import type { PolicyGroup } from '@doorstep/core';
import { ${names.value} } from './${name}';

export { ${names.value} };

/** Register with \`createRegistry(builtInPolicies, ${names.group})\`; listed in ${PLUGINS_FILE}. */
export const ${names.group} = { ${kind}: [${names.value}] } satisfies PolicyGroup;
`,
    'README.md': `# ${names.packageName}

A Doorstep **${kind}** policy plugin, \`${names.id}\`: ${template.summary}.

Scaffolded by \`pnpm create-plugin ${name} --kind ${kind}\`. Edit \`src/${name}.ts\` (what it decides, its reasons
and options) and \`src/${name}.test.ts\` (one row per decision), then:

\`\`\`sh
npx vitest run --project ${names.packageName}   # its tests, typechecked
\`\`\`

It is registered in \`${PLUGINS_FILE}\`, so a policy set can name it:
\`{ "${kind}": ${kind === 'screening' || kind === 'compliance' ? `[{ "id": "${names.id}" }]` : `{ "id": "${names.id}" }`} }\`.
See [docs/plugins.md](../../docs/plugins.md) for the contract, the test kit and versioning.
`,
  };
  for (const [file, content] of Object.entries(files)) {
    const path = join(root, directory, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  register(root, names, kind);
  return {
    directory,
    files: [...Object.keys(files).map((file) => `${directory}/${file}`), PLUGINS_FILE, API_PACKAGE],
    names,
  };
}

/** The registration line: the import and the group in the deployment's plugin list, and the dependency. */
function register(root: string, names: Names, kind: ScaffoldKind) {
  const pluginsPath = join(root, PLUGINS_FILE);
  const plugins = readFileSync(pluginsPath, 'utf8');
  if (!plugins.includes(GROUPS_MARKER))
    throw new Error(`${PLUGINS_FILE} lost its line "${GROUPS_MARKER.trim()}"`);
  const lines = plugins.split('\n');
  const lastImport = lines.reduce((last, line, i) => (line.startsWith('import ') ? i : last), -1);
  lines.splice(lastImport + 1, 0, `import { ${names.group} } from '${names.packageName}';`);
  writeFileSync(
    pluginsPath,
    lines.join('\n').replace(GROUPS_MARKER, `  ${names.group}, // ${kind}: ${names.id}\n${GROUPS_MARKER}`),
  );

  const apiPath = join(root, API_PACKAGE);
  const api = JSON.parse(readFileSync(apiPath, 'utf8')) as { dependencies: Record<string, string> };
  api.dependencies[names.packageName] = 'workspace:*';
  api.dependencies = Object.fromEntries(
    Object.entries(api.dependencies).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  writeFileSync(apiPath, `${JSON.stringify(api, null, 2)}\n`);
}
