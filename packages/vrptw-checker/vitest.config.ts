import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'vrptw-checker', include: ['src/**/*.test.ts'] },
});
