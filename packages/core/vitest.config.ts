import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The plugin contract is mostly types; `*.test-d.ts` files guard it with expectTypeOf.
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
