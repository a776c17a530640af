// As in `src/index.ts`: test files import modules of the worker directly, in any order.
import '@hono/zod-openapi';
import { applyD1Migrations, env } from 'cloudflare:test';

// Setup files run before each test file; applying is idempotent, so every file starts on the current schema.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
