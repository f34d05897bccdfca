import { defineConfig } from 'vitest/config';

const source = (pkg: string) => new URL(`./packages/${pkg}/src/index.ts`, import.meta.url).pathname;

export default defineConfig({
  // Tests import the workspace packages from their source, so they never run a stale build. Child
  // processes (the CLI, `node -e` racers) still run dist/: global setup refuses a build older
  // than its sources.
  resolve: {
    alias: {
      '@batchyard/server': source('server'),
      '@batchyard/sdk': source('sdk'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
