import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/test/**/*.test.ts', 'scripts/**/*.test.ts', 'e2e/**/*.test.ts'],
    // One database for the whole run, brought up and imported once; one test stops and restarts it, so test files
    // run one after another.
    globalSetup: ['./scripts/test-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
