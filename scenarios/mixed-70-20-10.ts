import { defineScenario } from './define.ts';

/**
 * The main job: a read-heavy mix with churn, over a YCSB-style scrambled
 * zipfian key popularity (YCSB's default constant 0.99), so a few keys are hot
 * and caches matter, while deletes make some gets miss.
 *
 * The measured phase stops after 1,000,000 ops or 3 s, whichever comes
 * first: naive (an fsync per write) manages a few thousand ops/s, the fast
 * variants hundreds of thousands, and the whole default run must stay under
 * two minutes on a 2-core machine.
 */
export default defineScenario({
  name: 'mixed-70-20-10',
  description: '70% get, 20% put, 10% delete over 100,000 records of 256-byte values; keys scrambled-zipfian (0.99).',
  subject: 'storage',
  dataset: {
    records: 100_000,
    valueBytes: 256,
    keyDistribution: { kind: 'zipfian', constant: 0.99, scrambled: true },
    seed: 42,
  },
  workload: {
    mix: { get: 70, put: 20, delete: 10 },
    operations: 1_000_000,
    durationMs: 3_000,
    // Only the pooled variant is asynchronous; 64 gets in flight let it batch requests to its workers.
    concurrency: 64,
  },
  warmup: { operations: 20_000, maxDurationMs: 500 },
  repeats: 3,
});
