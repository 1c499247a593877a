import { defineConfig } from 'vitest/config';

/**
 * Three kinds of test, one runner:
 * - unit: the pure core in src/lib (fast; temporary git repositories where history is involved);
 * - build: real `astro build` runs on the sample content, on broken content and on the 18F handbook;
 * - browser: Debian's Chromium (playwright-core) against the built sample site on 127.0.0.1.
 */
export default defineConfig({
  test: {
    projects: [
      // A timeout is a safety net, not a speed test (benchmarks measure speed): the tests that read a
      // whole wiki take a few seconds alone and several times that beside the others on 2 slow cores.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'build', include: ['tests/build/**/*.test.ts'], globalSetup: ['tests/support/test-output.ts'], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false } },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/test-output.ts', 'tests/support/browser-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
