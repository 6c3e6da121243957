import { defineScenario } from './define.ts';

/**
 * Serves the target "batched put of 1,000 items > 50k items/s"
 * (targets/default.ts): every op is one Store.batch call of 1,000 puts,
 * overwriting 1,000 consecutive records (from a uniform start, wrapping past
 * the last) of 100,000 loaded records of 256-byte values.
 *
 * Throughput counts items, not calls: each batch adds 1,000 to the op count
 * (harness/measure/driver.ts), so ops/s in the report is items/s, as the
 * target needs. Latency is per batch call; the achieved mix counts calls.
 *
 * - One client: every variant's batch is synchronous.
 * - 2,000 batches (2,000,000 items) or 2 s, whichever comes first: a batch
 *   takes 3-5 ms in the fast variants (300-650 batches timed) and ~12 ms in
 *   naive, which commits each batch in one transaction (one fsync, but a
 *   prepare and a JSON encode per put; ~130 batches). The full run took 53 s.
 * - Warmup: 20 batches, enough to compile the put path of every variant.
 */
export default defineScenario({
  name: 'batch-put-1000',
  description: 'Batches of 1,000 puts of consecutive keys (uniform start) over 100,000 records of 256-byte values; throughput in items/s.',
  subject: 'storage',
  dataset: {
    records: 100_000,
    valueBytes: 256,
    keyDistribution: { kind: 'uniform' },
    seed: 42,
  },
  workload: {
    mix: { batch: 1 },
    batchSize: 1_000,
    operations: 2_000,
    durationMs: 2_000,
    concurrency: 1,
  },
  warmup: { operations: 20, maxDurationMs: 500 },
  repeats: 3,
});
