import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'follow-up-engine', include: ['src/**/*.test.ts'] },
});
