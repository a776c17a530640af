import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Plugin tests run and are typechecked, so a test that only compiles by accident fails here.
    typecheck: {
      enabled: true,
      include: ['src/**/*.test.ts', 'src/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
