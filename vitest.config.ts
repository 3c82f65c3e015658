import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // the fault matrix loads the machine on purpose: it runs after the rest, one file at a time (vitest.faults.config.ts)
    exclude: [...configDefaults.exclude, 'tests/faults/**'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and browser tests start servers and Chromium; two cores do not run many at once well.
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
  },
});
