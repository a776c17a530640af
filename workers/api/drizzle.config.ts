import { defineConfig } from 'drizzle-kit';

// drizzle-kit only writes SQL files; `wrangler d1 migrations apply` is what runs them, locally and remotely.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
});
