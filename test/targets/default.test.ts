import { describe, expect, it } from 'vitest';
import { summarize } from '../../harness/subjects/storage/analyze.ts';
import { checkTargets, validateTargets } from '../../harness/subjects/storage/targets.ts';
import { listScenarioNames } from '../../harness/plan/scenario-load.ts';
import defaultTargets from '../../targets/default.ts';
import { storageVariants } from '../../variants/storage/index.ts';
import { makeRunResults, makeScenario, type JobFixture } from '../support/results-fixtures.ts';

const VARIANTS = Object.keys(storageVariants);

function describeTarget(target: (typeof defaultTargets.targets)[number]): string {
  const { scenario, variant, metric, source: _source, ...bound } = target;
  return `${scenario} ${variant} ${metric} ${JSON.stringify(bound)}`;
}

describe('the default targets', () => {
  it('validate against the real scenario catalogue and variant names', () => {
    expect(() => validateTargets(defaultTargets, listScenarioNames(), VARIANTS, 'targets/default.ts')).not.toThrow();
  });

  it('carry the project\'s specified targets, mapped onto scenarios', () => {
    const MiB = 1024 * 1024;
    expect(defaultTargets.targets.map(describeTarget)).toEqual([
      ...['batched', 'pooled', 'cached'].map((v) => `single-put ${v} throughput {"atLeastOpsPerSec":100000}`),
      ...['batched', 'pooled', 'cached'].map((v) => `single-get ${v} throughput {"atLeastOpsPerSec":200000}`),
      ...['batched', 'pooled', 'cached'].map((v) => `batch-put-1000 ${v} throughput {"atLeastOpsPerSec":50000}`),
      ...['batched', 'pooled', 'cached'].map((v) => `read-all-10k ${v} latency {"op":"scan","percentile":"p99","atMostNs":10000000}`),
      ...['batched', 'pooled', 'cached'].map((v) => `memory-10k ${v} storeRss {"atMostBytes":${100 * MiB}}`),
      ...['batched', 'cached'].map((v) => `mixed-70-20-10 ${v} speedup {"atLeastTimes":2,"over":"naive"}`),
      ...['batched', 'cached'].map((v) => `memory-10k ${v} allocationPerOp {"atMostTimes":0.5,"over":"naive"}`),
    ]);
    expect(defaultTargets.targets.every((t) => typeof t.source === 'string' && t.source.length > 0)).toBe(true);
  });

  it('report the targets of scenarios that do not exist yet as "no scenario", never dropping them', () => {
    const jobs: JobFixture[] = [];
    for (let repeat = 0; repeat < 3; repeat++) {
      jobs.push({ variant: 'naive', repeat, measure: { throughputOpsPerSec: 10_000 + repeat } });
      jobs.push({ variant: 'batched', repeat, measure: { throughputOpsPerSec: 30_000 + repeat } });
      jobs.push({ variant: 'cached', repeat, measure: { throughputOpsPerSec: 15_000 + repeat } });
    }
    const summary = summarize(makeRunResults(jobs, { scenario: makeScenario({ name: 'mixed-70-20-10' }) }));
    const checks = checkTargets(defaultTargets, summary, 'mixed-70-20-10', ['mixed-70-20-10']);
    expect(checks.filter((c) => c.status === 'no scenario')).toHaveLength(17);
    expect(checks.filter((c) => c.scenario === 'mixed-70-20-10').map((c) => `${c.variant}:${c.status}`)).toEqual(['batched:pass', 'cached:fail']);

    // With the real catalogue every scenario of the default targets exists.
    expect(checkTargets(defaultTargets, summary, 'mixed-70-20-10', listScenarioNames()).filter((c) => c.status === 'no scenario')).toHaveLength(0);
  });
});
