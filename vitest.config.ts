import { defineConfig } from 'vitest/config';

// Three tiers (design.md): unit tests run in parallel; engine and action tests
// share one Docker engine and the images built once in the global set-up, so
// they run one file at a time.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/results.json' }]],
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        test: {
          name: 'engine',
          include: ['test/engine/**/*.test.ts', 'test/action/**/*.test.ts'],
          globalSetup: ['test/engine/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
