import { describe, expect, it } from 'vitest';
import { summarizeProfiles, summarizeRuntime } from '../../../harness/stats/runtime.ts';
import { summarize } from '../../../harness/subjects/storage/analyze.ts';
import type { JobResult, RunResults } from '../../../harness/core/results.ts';
import type { MeasureResult } from '../../../harness/subjects/storage/measure.ts';
import { makeMeasure, sampleRunResults } from '../../support/results-fixtures.ts';

function withRuntime(m: MeasureResult, eventLoopP99Ns: number, bytesPerOp: number, majorCount: number): MeasureResult {
  return {
    ...m,
    eventLoopDelay: { ...m.eventLoopDelay, p99Ns: eventLoopP99Ns, maxNs: eventLoopP99Ns * 2 },
    allocation: { ...m.allocation, bytesPerOp },
    gc: { ...m.gc, byKind: { ...m.gc.byKind, major: { count: majorCount, totalPauseNs: majorCount * 2e6, longestPauseNs: 3e6 } } },
  };
}

describe('summarizeRuntime', () => {
  it('takes medians across repeats, and the largest max', () => {
    const base = makeMeasure({ throughputOpsPerSec: 1_000 });
    const runtime = summarizeRuntime([withRuntime(base, 1e6, 100, 1), withRuntime(base, 5e6, 300, 3), withRuntime(base, 2e6, 200, 2)])!;
    expect(runtime.eventLoopP99Ns).toBe(2e6);
    expect(runtime.eventLoopMaxNs).toBe(10e6);
    expect(runtime.bytesPerOp).toBe(200);
    expect(runtime.gcByKind.major).toEqual({ count: 2, totalPauseMs: 4, longestPauseMs: 3 });
    expect(runtime.allocationMethod).toBe('gc-accounting');
  });

  it('is null without a measured repeat, and skips missing event-loop samples', () => {
    expect(summarizeRuntime([])).toBeNull();
    const base = makeMeasure({ throughputOpsPerSec: 1_000 });
    const empty = { ...base, eventLoopDelay: { samples: 0, p50Ns: null, p99Ns: null, maxNs: null, resolutionNs: 1e7 } };
    expect(summarizeRuntime([empty])!.eventLoopP99Ns).toBeNull();
  });

  it('calls the GC figures complete only when every repeat proved its count complete', () => {
    const base = makeMeasure({ throughputOpsPerSec: 1_000 });
    const incomplete = { ...base, gc: { ...base.gc, complete: false } };
    const { complete: _complete, ...olderGc } = base.gc;
    expect(summarizeRuntime([base, base])!.gcComplete).toBe(true);
    expect(summarizeRuntime([base, incomplete])!.gcComplete).toBe(false);
    // Results written before the flag existed lost entries: absent is not complete.
    expect(summarizeRuntime([{ ...base, gc: olderGc }])!.gcComplete).toBe(false);
  });
});

describe('summarizeProfiles', () => {
  it('lists profiled jobs with their throughput against the timed median, and keeps them out of the timing', () => {
    const run = sampleRunResults();
    const timed = summarize(run).variants.find((v) => v.variant === 'cached')!.throughput!.median;
    const profiled: JobResult<MeasureResult> = {
      ...run.results.find((r) => r.variant === 'cached')!,
      id: 'cached#cpu-profile',
      profile: { kind: 'cpu', flame: false, cpuSamplingIntervalUs: 100 },
      measure: makeMeasure({ throughputOpsPerSec: timed * 0.8 }),
      findings: {
        artifacts: [{ kind: 'cpu', path: 'profiles/cached-cpu.cpuprofile', sizeBytes: 10, samples: 5, scope: 'measured-phase' }],
        selfTime: [{ functionName: 'get', url: '', line: null, selfMs: 5, selfShare: 0.5 }],
        totalSampledMs: 10,
        allocationSites: null,
        totalSampledBytes: null,
      },
    };
    const withProfile: RunResults<MeasureResult> = { ...run, results: [...run.results, profiled] };
    const summary = summarize(withProfile);
    expect(summary.variants.find((v) => v.variant === 'cached')!.throughput!.median).toBe(timed);
    const [profile] = summarizeProfiles(
      withProfile,
      new Map(summary.variants.map((v) => [v.variant, v.throughput?.median ?? null])),
      (measure) => ({ throughput: measure.throughputOpsPerSec, runtime: measure }),
    );
    expect(profile!.variant).toBe('cached');
    expect(profile!.kind).toBe('cpu');
    expect(profile!.throughputVsTimed).toBeCloseTo(0.8, 12);
    expect(profile!.selfTime![0]!.functionName).toBe('get');
    expect(summary.profiles).toHaveLength(1);
  });
});
