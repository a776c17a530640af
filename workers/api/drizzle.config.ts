import { defineConfig } from 'drizzle-kit';

// drizzle-kit only writes SQL files; `wrangler d1 migrations apply` is what runs them, locally and remotely.
// `db:generate` writes the next migration from what changed in src/db/schema.ts since the newest snapshot in
// migrations/meta; a migration written by hand keeps schema.ts in step (test/schema.migrations.test.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
});
