import { defineScenario } from './define.ts';

/**
 * The regression gate's CI-sized job: mixed-70-20-10's workload on a fifth
 * of the records, for the two fast variants only, 1 s per measured phase and
 * six repeats, so a whole gate (13 jobs with the no-op reference, plus a confirmation round when a
 * cell is flagged) takes about half a minute on a 2-core machine.
 *
 * Why these choices: a gate needs repeats more than long runs (the rank
 * test's smallest p is set by the repeat count; six against a baseline of
 * ten reach p < 0.001), while a phase much shorter than a second lets one
 * scheduler hiccup move a repeat by more than the effect the gate looks
 * for. naive is left out: its fsync-bound throughput measures the disk's
 * mood more than the code. .ci/run saves a baseline of this scenario on the
 * CI machine, then gates the unchanged and a slowed-down tree against it.
 */
export default defineScenario({
  name: 'ci-gate',
  description: 'CI-sized gate job: 70% get, 20% put, 10% delete over 20,000 records; batched and cached, 1 s phases, 6 repeats.',
  subject: 'storage',
  dataset: {
    records: 20_000,
    valueBytes: 256,
    keyDistribution: { kind: 'zipfian', constant: 0.99, scrambled: true },
    seed: 42,
  },
  workload: {
    mix: { get: 70, put: 20, delete: 10 },
    operations: 400_000,
    durationMs: 1_000,
    concurrency: 64,
  },
  warmup: { operations: 10_000, maxDurationMs: 300 },
  repeats: 6,
  variants: ['batched', 'cached'],
});
