import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { buildConsole } from '../console/build.mjs';
import { vendorAssets } from './build/vendor-assets.mjs';

// The Worker's required secrets, as `wrangler secret put` sets them in production (wrangler reads them
// from the environment when there is no .dev.vars).
process.env.CURSOR_SIGNING_KEY ??= 'test-cursor-signing-key';

// Worker tests run inside workerd with the real bindings of wrangler.jsonc: local D1 and local Queues.
export default defineConfig(async () => {
  // The static assets (the vendored /docs renderer, the console) must exist before the pool reads
  // wrangler.jsonc's assets directory.
  vendorAssets();
  await buildConsole({ ifMissing: true });
  const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname);
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.jsonc' },
        miniflare: {
          // A second local D1, so the worker tests run over two shards as a many-database deployment does.
          d1Databases: { DB_1: 'doorstep-shard-1' },
          bindings: {
            SHARDS: ['DB', 'DB_1'],
            TEST_MIGRATIONS: migrations,
            DOORSTEP_MODE: 'test',
            CORS_ORIGINS: 'https://agent-app.example, https://supervisor.example',
            // Cloudflare Access as production sets it (test/console.access.test.ts signs its own tokens).
            ACCESS_TEAM_DOMAIN: 'https://doorstep-test.cloudflareaccess.com',
            ACCESS_AUD: 'aud-console-test',
            // Knobs of the flag simulation (test/follow-ups.flags.simulation.test.ts): another seed, more cases.
            DOORSTEP_FLAG_SIM_SEED: process.env.DOORSTEP_FLAG_SIM_SEED ?? '',
            DOORSTEP_FLAG_SIM_CASES: process.env.DOORSTEP_FLAG_SIM_CASES ?? '',
          },
        },
      }),
    ],
    test: {
      name: 'api',
      include: ['test/**/*.test.ts'],
      setupFiles: ['./test/apply-migrations.ts'],
      globalSetup: ['./test-webhook-receiver.ts'],
    },
  };
});
