import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/temp-root.ts'],
    // Site builds and browser tests share one machine of 2 cores: keep files sequential there.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
