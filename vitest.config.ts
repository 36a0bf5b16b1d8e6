import { defineConfig, type Plugin } from 'vitest/config';

// Scripts that run inside containers are real files imported as text, as esbuild's text loader does.
const textFiles: Plugin = {
  name: 'worker-gate-text-files',
  transform(code, id) {
    if (!/\.(?:sh|py|mk)$/.test(id)) return undefined;
    return { code: `export default ${JSON.stringify(code)};`, map: null };
  },
};

// Three tiers: unit tests run in parallel; engine and action tests
// share one Docker engine and the images built once in the global set-up, so
// they run one file at a time.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/results.json' }]],
    projects: [
      {
        plugins: [textFiles],
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        plugins: [textFiles],
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
