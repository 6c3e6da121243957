import { defineScenario } from './define.ts';

/**
 * Serves the target "single put > 100k ops/s" (targets/default.ts): only
 * puts, one key per Store.put call, each overwriting one of 100,000 loaded
 * records of 256-byte values (the same table as mixed-70-20-10).
 *
 * - Keys are uniform, not zipfian: with hot keys, a variant that stages
 *   writes in memory would collapse repeated puts to one key into one row
 *   written, and be credited for writes it never made.
 * - One client: every variant's put is synchronous, so more in flight would
 *   change nothing but the bookkeeping.
 * - 1,000,000 puts or 2 s, whichever comes first: the cap ends every job.
 *   Naive fsyncs every put (about 1 ms here and on ordinary disks: ~2,000
 *   puts timed); the write-batch variants did 50-70k puts/s on a 2-core VM,
 *   because 1,000 random updates across this 25 MB table dirty most of the
 *   pages a commit writes (with 10,000 records they did ~150k puts/s). A
 *   full run (13 jobs, each loading 100,000 records first) took 54-69 s.
 */
export default defineScenario({
  name: 'single-put',
  description: 'Puts only, one key per call, overwriting 100,000 records of 256-byte values; uniform keys.',
  subject: 'storage',
  dataset: {
    records: 100_000,
    valueBytes: 256,
    keyDistribution: { kind: 'uniform' },
    seed: 42,
  },
  workload: {
    mix: { put: 1 },
    operations: 1_000_000,
    durationMs: 2_000,
    concurrency: 1,
  },
  warmup: { operations: 20_000, maxDurationMs: 500 },
  repeats: 3,
});
