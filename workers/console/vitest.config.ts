import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (Debian's) driving the console against one local stack.
export default defineConfig({
  test: {
    name: 'console',
    include: ['test/**/*.browser.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    hookTimeout: 300_000,
    testTimeout: 60_000,
    // One browser, one stack: the scenario's steps build on each other (sign-in, then publish last).
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
