import { defineConfig } from 'vitest/config';

// End-to-end tests: the built renderer in Debian's Chromium (playwright-core) against the real services
// through the loopback bridge. Run one file at a time: each starts its own browser and server.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    globalSetup: ['tests/helpers/testTemp.ts'],
    // expect.poll waits for what the page paints; on a loaded machine 1 s (vitest's default) is too short.
    expect: { poll: { timeout: 5000 } },
  },
});
