import { defineScenario } from './define.ts';

/**
 * Serves the target "single get > 200k ops/s" (targets/default.ts): only
 * gets, one key per Store.get call, over 100,000 loaded records of 256-byte
 * values (the same table as mixed-70-20-10). With no writes every get hits.
 *
 * - Keys scrambled-zipfian (0.99), as in YCSB's read-only workload C: some
 *   keys are hot, so the cached variant's hit ratio is a real one (its
 *   10,000-entry cache holds a tenth of the records), neither 100 % nor 10 %.
 * - 64 gets in flight, as in mixed-70-20-10: pooled answers gets in worker
 *   threads and needs requests in flight to batch them; the synchronous
 *   variants serve one at a time whatever the concurrency.
 * - 2,000,000 gets or 2 s, whichever comes first: the fast variants do
 *   136-350k gets/s here, so the cap ends every job, and the full run of 13
 *   jobs must fit in about a minute and a half on a 2-core machine (loading
 *   100,000 records costs each job 0.5-1.6 s before timing starts; the run
 *   took 52 s).
 */
export default defineScenario({
  name: 'single-get',
  description: 'Gets only, one key per call, over 100,000 records of 256-byte values; keys scrambled-zipfian (0.99).',
  subject: 'storage',
  dataset: {
    records: 100_000,
    valueBytes: 256,
    keyDistribution: { kind: 'zipfian', constant: 0.99, scrambled: true },
    seed: 42,
  },
  workload: {
    mix: { get: 1 },
    operations: 2_000_000,
    durationMs: 2_000,
    concurrency: 64,
  },
  warmup: { operations: 20_000, maxDurationMs: 500 },
  repeats: 3,
});
