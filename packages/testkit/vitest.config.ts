import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The kit plugin authors test with: its tests run and are typechecked.
    typecheck: {
      enabled: true,
      include: ['src/**/*.test.ts', 'src/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
