/**
 * Layer rules. `packages/` is the framework-free core: it may use zod and its sibling packages, never
 * an HTTP framework, an ORM, a Cloudflare runtime module or Node's I/O. Workers and scripts translate.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-framework-free',
      comment: 'packages/ must not import hono, drizzle or @cloudflare/* (the design card).',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '(^|/)node_modules/(hono|@hono/|drizzle-orm|drizzle-kit|@cloudflare/|wrangler|miniflare)' },
    },
    {
      name: 'core-has-no-runtime-modules',
      comment:
        'cloudflare:* and node:* modules mean I/O; the core gets its clock, ids and storage through ports.',
      severity: 'error',
      from: { path: '^packages/', pathNot: '\\.(test|test-d|bench)\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-does-not-reach-into-workers',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^(workers|scripts)/' },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^cloudflare:' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
