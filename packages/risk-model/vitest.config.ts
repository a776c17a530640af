import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The code under test is pure, so one worker can run every file without leaking state between them.
  test: { name: 'risk-model', include: ['src/**/*.test.ts'], isolate: false },
});
