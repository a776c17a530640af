import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Pure code under test: one worker can run every file without leaking state between them.
  test: { name: 'planning', include: ['src/**/*.test.ts'], isolate: false },
});
