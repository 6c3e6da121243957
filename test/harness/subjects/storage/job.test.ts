/**
 * The storage job in this process, on the no-op reference store (no disk,
 * no verification), for what only the whole job wires together: which ops
 * each repeat times.
 */
import { describe, expect, it } from 'vitest';
import { runStorageJob } from '../../../../harness/subjects/storage/job.ts';
import type { JobResult, JobSpec } from '../../../../harness/core/results.ts';
import type { StorageScenario } from '../../../../harness/subjects/storage/scenario.ts';
import { buildTrace, OP_NAMES, scenarioTraceOptions } from '../../../../harness/subjects/storage/workload/trace.ts';
import type { StorageJobResult } from '../../../../harness/subjects/storage/measure.ts';

const scenario: StorageScenario = {
  name: 'sampling',
  description: 'which ops each repeat times',
  subject: 'storage',
  dataset: { records: 500, valueBytes: 16, keyDistribution: { kind: 'uniform' }, seed: 42 },
  workload: { mix: { get: 50, put: 30, delete: 20 }, operations: 4_000, concurrency: 1, latencySampleEvery: 8 },
  warmup: { operations: 100, maxDurationMs: 1_000 },
  repeats: 2,
};

async function runRepeat(repeat: number): Promise<StorageJobResult> {
  const job: JobSpec = { id: `noop#${repeat}`, index: repeat, scenario: scenario.name, variant: 'noop', repeat, reference: true, profile: null };
  const result = await runStorageJob({ job, scenario, runDir: '/nonexistent', subjectModule: import.meta.url }, scenario);
  expect(result.error).toBeNull();
  return result;
}

/** Timed ops per op type, from the job's histograms. */
function timedPerType(result: StorageJobResult): Record<string, number> {
  return Object.fromEntries(Object.entries(result.measure!.opTypes).map(([op, r]) => [op, r.latency?.samples ?? 0]));
}

/** Ops per type at the trace positions i with i mod 8 === offset: what a repeat with that offset must have timed. */
function expectedPerType(offset: number): Record<string, number> {
  const trace = buildTrace({ ...scenarioTraceOptions(scenario), operations: scenario.workload.operations, seed: scenario.dataset.seed });
  const counts: Record<string, number> = {};
  for (let i = offset; i < trace.length; i += 8) {
    const op = OP_NAMES[trace.ops[i]!]!;
    counts[op] = (counts[op] ?? 0) + 1;
  }
  return counts;
}

describe('storage job latency sampling', () => {
  it('times different ops in different repeats and the same ops in the same repeat', async () => {
    const first = await runRepeat(1);
    const again = await runRepeat(1);
    const second = await runRepeat(2);
    const offsetOf = (r: StorageJobResult): number | undefined => r.measure!.latencySampleOffset;

    expect(offsetOf(first)).toBe(offsetOf(again));
    expect(offsetOf(second)).not.toBe(offsetOf(first));
    // The offsets recorded are the ops that were timed: the per-type counts of those trace positions.
    for (const result of [first, again, second]) {
      expect(timedPerType(result)).toEqual(expectedPerType(offsetOf(result)!));
    }
    expect(timedPerType(second)).not.toEqual(timedPerType(first));
    expect(first.measure!.latencySampling).toMatch(/a different 1 in 8 in each repeat/);
  }, 60_000);
});
