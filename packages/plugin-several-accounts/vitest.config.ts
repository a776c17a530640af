import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests run and are typechecked: a test that compiles only by accident fails here, not in review.
    typecheck: {
      enabled: true,
      include: ['src/**/*.test.ts', 'src/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
