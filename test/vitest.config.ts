import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // one temporary folder per run, removed at its end (see global-setup.ts)
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // end-to-end tests spawn processes; two workers match the two cores of the CI machines
    maxWorkers: 2,
  },
});
