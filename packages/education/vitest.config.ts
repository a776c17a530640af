import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Content and pure functions: one worker runs every file without leaking state between them.
  test: { name: 'education', include: ['src/**/*.test.ts'], isolate: false },
});
