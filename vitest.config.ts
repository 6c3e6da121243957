import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // SQLite files, worker threads and child processes: keep the 2-core machine from thrashing.
    maxWorkers: 2,
    // Hang detectors, not speed expectations: on a loaded 2-core machine an
    // end-to-end test that spawns several processes took 50 s. Above the
    // limit tests give their own real work (test/support/real-work-limit.ts).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    coverage: {
      provider: 'v8',
      include: ['harness/**/*.ts', 'variants/**/*.ts', 'scenarios/**/*.ts', 'targets/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
