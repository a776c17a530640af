// As in `src/index.ts`: test files import modules of the worker directly, in any order.
import '@hono/zod-openapi';
import { applyD1Migrations, env } from 'cloudflare:test';

// Setup files run before each test file; applying is idempotent, so every file starts on the current
// schema, in both local shards (the tests run as a two-database deployment).
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.DB_1, env.TEST_MIGRATIONS);
