import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every package's tests, the scripts' tests and the worker tests inside workerd.
export default defineConfig({
  test: {
    projects: ['packages/*', 'workers/*', 'scripts'],
  },
});
