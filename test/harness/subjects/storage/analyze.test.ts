import { describe, expect, it } from 'vitest';
import { summarize } from '../../../../harness/subjects/storage/analyze.ts';
import type { VariantSummary } from '../../../../harness/subjects/storage/run-summary.ts';
import { latencySeries, makeRunResults, SAMPLE_RUN, sampleRunResults } from '../../../support/results-fixtures.ts';

function variant(summary: ReturnType<typeof summarize>, name: string): VariantSummary {
  const found = summary.variants.find((v) => v.variant === name);
  if (!found) throw new Error(`no variant ${name} in ${summary.variants.map((v) => v.variant).join(', ')}`);
  return found;
}

describe('summarize on the sample run', () => {
  const run = sampleRunResults();
  const summary = summarize(run);

  it('lists real variants in plan order, without the reference job', () => {
    expect(summary.variants.map((v) => v.variant)).toEqual(['naive', 'batched', 'cached']);
    expect(summary.baselineVariant).toBe('naive');
  });

  it('lists the failed job and leaves it out of every estimate', () => {
    const batched = variant(summary, 'batched');
    expect(batched.okJobs).toBe(2);
    expect(batched.failedJobs).toEqual([
      { repeat: 1, status: 'failed', phase: SAMPLE_RUN.failed.phase, message: SAMPLE_RUN.failed.message },
    ]);
    expect(batched.throughput).toMatchObject({ n: 2, median: 20_200, min: 20_000, max: 20_400 });
    expect(batched.gcCount).toMatchObject({ n: 2, median: 4 });
    expect(batched.timelines.map((t) => t.repeat)).toEqual([0, 2]);
    expect(batched.memory.map((m) => m.repeat)).toEqual([0, 2]);
    expect(batched.opCounts).toEqual({ get: 42_000, put: 12_000, delete: 6_000 });
    expect(variant(summary, 'naive').failedJobs).toEqual([]);
  });

  it('estimates throughput over ok repeats', () => {
    const naive = variant(summary, 'naive');
    expect(naive.okJobs).toBe(3);
    expect(naive.throughput).toMatchObject({ n: 3, median: 10_000, mean: 10_000, min: 9_800, max: 10_200 });
    expect(naive.throughput!.cv).toBeCloseTo(0.02, 12);
    expect(naive.throughput!.interval).toEqual({ low: 9_800, high: 10_200, confidence: 0.75 });
  });

  it('computes speedups against naive with bootstrap intervals', () => {
    expect(variant(summary, 'naive').speedup).toEqual({ baseline: 'naive', ratio: 1, interval: null });
    const cached = variant(summary, 'cached').speedup!;
    expect(cached.baseline).toBe('naive');
    expect(cached.ratio).toBe(4);
    // With 3 repeats per side, each extreme ratio has probability (7/27)^2 ≈ 6.7 % > 2.5 %,
    // so the 95 % percentile interval is exactly the extreme ratios.
    expect(cached.interval!.low).toBeCloseTo(39_000 / 10_200, 12);
    expect(cached.interval!.high).toBeCloseTo(41_000 / 9_800, 12);
    const batched = variant(summary, 'batched').speedup!;
    expect(batched.ratio).toBeCloseTo(2.02, 12);
    expect(batched.interval!.low).toBeGreaterThan(1);
  });

  it('reports the median hit ratio and sums counters', () => {
    const cached = variant(summary, 'cached');
    expect(cached.hitRatio).toBe(0.8);
    expect(variant(summary, 'naive').hitRatio).toBeNull();
    const hits = SAMPLE_RUN.hitRatio.cached.reduce((sum, r) => sum + Math.round(r * 21_000), 0);
    expect(cached.counters).toEqual({ cacheHits: hits, cacheMisses: 3 * 21_000 - hits, evictions: 600 });
    expect(variant(summary, 'naive').counters).toEqual({});
  });

  it('sums op counts, derives the achieved mix and takes peak memory as the max', () => {
    const cached = variant(summary, 'cached');
    expect(cached.opCounts).toEqual({ get: 63_000, put: 18_000, delete: 9_000 });
    expect(cached.achievedMix.get).toBeCloseTo(0.7, 12);
    expect(cached.achievedMix.put).toBeCloseTo(0.2, 12);
    expect(cached.achievedMix.delete).toBeCloseTo(0.1, 12);
    expect(cached.achievedMix.scan).toBeUndefined();
    expect(cached.peakHeapUsedBytes).toBe(62_000_000);
    expect(cached.peakRssBytes).toBe(120_000_000);
    expect(cached.gcPauseMs).toMatchObject({ n: 3, median: 12, cv: 0 });
  });

  it('merges the latency histograms of the ok repeats', () => {
    const cached = variant(summary, 'cached');
    expect(Object.keys(cached.latency)).toEqual(['get', 'put', 'delete']);
    const perRepeat = Math.ceil(21_000 / 16);
    const get = cached.latency.get!;
    expect(get.samples).toBe(3 * perRepeat);
    const all = SAMPLE_RUN.throughput.cached.flatMap((t) => latencySeries(Math.round(1e9 / t), perRepeat));
    all.sort((a, b) => a - b);
    const exactP50 = all[Math.ceil(0.5 * all.length) - 1]!;
    expect(get.p50Ns).toBeGreaterThanOrEqual(exactP50);
    expect(get.p50Ns).toBeLessThanOrEqual(exactP50 * 1.001);
    const exactMax = all[all.length - 1]!; // the slowest repeat's 10x outlier
    expect(get.maxNs).toBeGreaterThanOrEqual(exactMax);
    expect(get.maxNs).toBeLessThanOrEqual(exactMax * 1.001);
    // batched's failed repeat recorded nothing, so only 2 repeats are merged.
    expect(variant(summary, 'batched').latency.get!.samples).toBe(2 * perRepeat);
  });

  it('measures harness overhead from the reference job', () => {
    expect(summary.overhead).not.toBeNull();
    const overhead = summary.overhead!;
    expect(overhead.opsPerSec).toBe(5_000_000);
    expect(overhead.nsPerOp).toBeCloseTo(200, 9);
    expect(overhead.fastestVariant).toBe('cached');
    expect(overhead.fastestNsPerOp).toBeCloseTo(25_000, 9);
    expect(overhead.shareOfFastest).toBeCloseTo(0.008, 12);
  });

  it('is deterministic and survives a JSON round trip (re-rendering from results.json)', () => {
    expect(summarize(run)).toEqual(summary);
    expect(summarize(JSON.parse(JSON.stringify(run)))).toEqual(summary);
  });

  it('does not modify its input', () => {
    const before = JSON.stringify(run);
    summarize(run, { baselineVariant: 'cached', seed: 3 });
    expect(JSON.stringify(run)).toBe(before);
  });
});

describe('summarize options and edge cases', () => {
  it('compares with another baseline when asked', () => {
    const summary = summarize(sampleRunResults(), { baselineVariant: 'cached' });
    expect(summary.baselineVariant).toBe('cached');
    expect(variant(summary, 'naive').speedup!.ratio).toBe(0.25);
    expect(variant(summary, 'cached').speedup).toEqual({ baseline: 'cached', ratio: 1, interval: null });
  });

  it('rejects a baseline that is not in the run, naming the ones that are', () => {
    expect(() => summarize(sampleRunResults(), { baselineVariant: 'pooled' })).toThrow(
      /"pooled" is not in this run; choose one of: naive, batched, cached/,
    );
  });

  it('has no baseline and no speedups without naive, and no overhead without reference jobs', () => {
    const run = makeRunResults([
      { variant: 'pooled', repeat: 0, measure: { throughputOpsPerSec: 100 } },
      { variant: 'cached', repeat: 0, measure: { throughputOpsPerSec: 200 } },
    ]);
    const summary = summarize(run);
    expect(summary.baselineVariant).toBeNull();
    expect(summary.variants.map((v) => v.speedup)).toEqual([null, null]);
    expect(summary.overhead).toBeNull();
    // One repeat: an estimate without an interval.
    expect(variant(summary, 'pooled').throughput).toMatchObject({ n: 1, median: 100, interval: null });
  });

  it('excludes a timed-out job even when it carries a partial measurement', () => {
    const run = makeRunResults([
      { variant: 'naive', repeat: 0, measure: { throughputOpsPerSec: 1_000 } },
      { variant: 'naive', repeat: 1, measure: { throughputOpsPerSec: 1_100 } },
      {
        variant: 'naive',
        repeat: 2,
        status: 'timeout',
        error: { message: 'job exceeded timeoutMs (60000 ms)', phase: 'measure' },
        measure: { throughputOpsPerSec: 1_000_000, counters: { cacheHits: 5 }, hitRatio: 1 },
      },
    ]);
    const naive = variant(summarize(run), 'naive');
    expect(naive.okJobs).toBe(2);
    expect(naive.throughput).toMatchObject({ n: 2, median: 1_050, max: 1_100 });
    expect(naive.failedJobs).toEqual([
      { repeat: 2, status: 'timeout', phase: 'measure', message: 'job exceeded timeoutMs (60000 ms)' },
    ]);
    expect(naive.hitRatio).toBeNull();
    expect(naive.counters).toEqual({});
    expect(naive.opCounts.get).toBe(2 * 21_000);
  });

  it('keeps a variant whose every job failed, with null estimates and speedup', () => {
    const run = makeRunResults([
      { variant: 'naive', repeat: 0, measure: { throughputOpsPerSec: 1_000 } },
      { variant: 'batched', repeat: 0, status: 'failed', error: { message: 'boom', phase: 'open' }, measure: null },
      { variant: 'batched', repeat: 1, status: 'ok', measure: null, error: null },
    ]);
    const batched = variant(summarize(run), 'batched');
    expect(batched).toMatchObject({
      okJobs: 0,
      throughput: null,
      speedup: null,
      peakHeapUsedBytes: null,
      gcPauseMs: null,
      hitRatio: null,
      latency: {},
      opCounts: {},
      achievedMix: {},
    });
    expect(batched.failedJobs).toEqual([
      { repeat: 0, status: 'failed', phase: 'open', message: 'boom' },
      { repeat: 1, status: 'ok', phase: 'unknown', message: 'job reported ok but recorded no measurement' },
    ]);
  });

  it('picks the first variant in run order when the fastest tie', () => {
    const run = makeRunResults([
      { variant: 'noop', repeat: 0, reference: true, measure: { throughputOpsPerSec: 1_000_000 } },
      { variant: 'naive', repeat: 0, measure: { throughputOpsPerSec: 500 } },
      { variant: 'pooled', repeat: 0, measure: { throughputOpsPerSec: 500 } },
    ]);
    expect(summarize(run).overhead).toMatchObject({ fastestVariant: 'naive', nsPerOp: 1_000, shareOfFastest: 0.0005 });
  });
});
