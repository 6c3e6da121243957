import { defineScenario } from './define.ts';

/**
 * Serves the targets "memory for 10k items < 100 MB" (peak RSS) and "50-80 %
 * less memory per op than naive" (peak heap / ops, targets/default.ts):
 * 10,000 records of 256-byte values under a read-heavy mix, 90 % get and
 * 10 % put.
 *
 * - A fixed op count and NO duration cap: heap per op divides each
 *   variant's peak heap by its ops, so every variant must do the same ops.
 * - 50,000 ops, so 5,000 puts: naive fsyncs each (about 1 ms on an ordinary
 *   disk), which keeps its job near 5-10 s (6-8 s measured); the fast
 *   variants take under a second, and the full run took 38 s.
 * - Uniform keys: over 50,000 ops nearly every record is touched, so a
 *   cache holds what it would hold for the whole data set (the cached
 *   variant's 10,000 entries fit all of it).
 * - 64 ops in flight, as in mixed-70-20-10, so pooled runs as designed.
 *
 * Under --quick the run is capped at 0.3 s like every quick run, so its ops
 * differ per variant and its heap per op is not comparable.
 */
export default defineScenario({
  name: 'memory-10k',
  description: '90% get, 10% put over 10,000 records of 256-byte values, a fixed 50,000 ops (no time cap); uniform keys; memory.',
  subject: 'storage',
  dataset: {
    records: 10_000,
    valueBytes: 256,
    keyDistribution: { kind: 'uniform' },
    seed: 42,
  },
  workload: {
    mix: { get: 90, put: 10 },
    operations: 50_000,
    concurrency: 64,
  },
  warmup: { operations: 5_000, maxDurationMs: 500 },
  repeats: 3,
});
