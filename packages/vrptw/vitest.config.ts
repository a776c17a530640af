import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'vrptw', include: ['src/**/*.test.ts'] },
});
