import { describe, expect, it } from 'vitest';
import { summarize } from '../../../../harness/subjects/storage/analyze.ts';
import { checkTargets, noiseThresholdsFrom, validateTargets } from '../../../../harness/subjects/storage/targets.ts';
import type { TargetCheck } from '../../../../harness/gate/target-checks.ts';
import { VarbenchError } from '../../../../harness/core/errors.ts';
import { defineTargets, type Target, type TargetSet } from '../../../../targets/define.ts';
import { makeRunResults, makeScenario, type JobFixture } from '../../../support/results-fixtures.ts';

const SCENARIOS = ['mixed-70-20-10', 'single-put', 'single-get'];
const VARIANTS = ['naive', 'batched', 'pooled', 'cached'];

function validationError(set: unknown, knownScenarios = SCENARIOS): VarbenchError {
  try {
    validateTargets(set, knownScenarios, VARIANTS, 'targets/mine.ts');
  } catch (error) {
    expect(error).toBeInstanceOf(VarbenchError);
    // Its own code, and exit 2: nothing ran.
    expect((error as VarbenchError).code).toBe('INVALID_TARGETS');
    expect((error as VarbenchError).exitCode).toBe(2);
    return error as VarbenchError;
  }
  throw new Error('validateTargets did not throw');
}

function oneTarget(target: Record<string, unknown>): unknown {
  return { name: 'mine', targets: [target] };
}

describe('validateTargets', () => {
  it('accepts a well-formed set and returns it', () => {
    const set = defineTargets({
      name: 'mine',
      targets: [
        { scenario: 'single-put', variant: '*', metric: 'throughput', atLeastOpsPerSec: 100_000, noiseThreshold: 0.03 },
        { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'latency', op: 'get', percentile: 'p999', atMostNs: 1_000_000 },
        { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'hitRatio', atLeast: 0.7, source: 'capacity plan' },
        { scenario: 'mixed-70-20-10', variant: 'batched', metric: 'speedup', atLeastTimes: 2 },
        { scenario: 'mixed-70-20-10', variant: '*', metric: 'heapPerOp', atMostTimes: 0.5, over: 'naive' },
        { scenario: 'mixed-70-20-10', variant: 'naive', metric: 'gcPause', atMostMs: 50 },
        { scenario: 'mixed-70-20-10', variant: 'naive', metric: 'peakHeap', atMostBytes: 1e8 },
        { scenario: 'mixed-70-20-10', variant: 'naive', metric: 'peakRss', atMostBytes: 2e8 },
      ],
    });
    expect(validateTargets(set, SCENARIOS, VARIANTS)).toBe(set);
  });

  it('a misspelt scenario is an error with the closest known name, the file and how to fix it', () => {
    const error = validationError(oneTarget({ scenario: 'single-putt', variant: '*', metric: 'throughput', atLeastOpsPerSec: 1 }));
    expect(error.message).toBe(
      'Invalid targets "mine" in targets/mine.ts:\n' +
        '  - targets[0].scenario: unknown scenario "single-putt" (did you mean "single-put"?); known: mixed-70-20-10, single-put, single-get; ' +
        'fix the name, or add the scenario under scenarios/ (or, for one still to be written, list it in plannedScenarios)\n' +
        "Each target is { scenario, variant ('*' for all), metric, <bound> }; see targets/define.ts.",
    );
    expect(error.exitCode).toBe(2);
  });

  it('a scenario listed in plannedScenarios is allowed before it exists; others are not', () => {
    const target = { scenario: 'memory-10k', variant: '*', metric: 'peakRss', atMostBytes: 1e8 };
    expect(() => validateTargets({ name: 'mine', plannedScenarios: ['memory-10k'], targets: [target] }, SCENARIOS, VARIANTS)).not.toThrow();
    expect(validationError({ name: 'mine', targets: [target] }).message).toMatch(/unknown scenario "memory-10k"; known:/);
  });

  it('unknown variants, metrics, fields, op types and percentiles are all reported, each with its path', () => {
    const message = validationError({
      name: 'mine',
      targets: [
        { scenario: 'single-get', variant: 'cahced', metric: 'throughput', atLeastOpsPerSec: 1 },
        { scenario: 'single-get', variant: 'cached', metric: 'throughtput', atLeastOpsPerSec: 1 },
        { scenario: 'single-get', variant: 'cached', metric: 'throughput', atleastOpsPerSec: 1 },
        { scenario: 'single-get', variant: 'cached', metric: 'latency', op: 'gett', percentile: 'P99', atMostNs: 10 },
      ],
    }).message;
    expect(message).toContain(`  - targets[0].variant: unknown variant "cahced" (did you mean "cached"?); known: naive, batched, pooled, cached, or '*' for every variant`);
    expect(message).toContain('  - targets[1].metric: unknown metric "throughtput" (did you mean "throughput"?); known: throughput, latency, peakHeap, peakRss, storeRss, gcPause, hitRatio, speedup, heapPerOp, allocationPerOp');
    expect(message).toContain(`  - targets[2].atleastOpsPerSec: unknown field for metric 'throughput' (did you mean "atLeastOpsPerSec"?)`);
    expect(message).toContain('  - targets[2].atLeastOpsPerSec: expected a number > 0 (e.g. 100000), got nothing');
    expect(message).toContain('  - targets[3].op: unknown op type "gett" (did you mean "get"?); known: get, put, delete, scan');
    expect(message).toContain('  - targets[3].percentile: unknown percentile "P99" (did you mean "p99"?); known: p50, p90, p99, p999, max (default p99)');
  });

  it('checks bounds, thresholds and relative targets', () => {
    const message = validationError({
      name: 'mine',
      targets: [
        { scenario: 'single-get', variant: 'cached', metric: 'hitRatio', atLeast: 80 },
        { scenario: 'single-get', variant: 'cached', metric: 'throughput', atLeastOpsPerSec: -5, noiseThreshold: 5 },
        { scenario: 'single-get', variant: 'cached', metric: 'speedup', atLeastTimes: 2, over: 'naieve' },
        { scenario: 'single-get', variant: 'naive', metric: 'heapPerOp', atMostTimes: 0.5 },
        'fast please',
      ],
    }).message;
    expect(message).toContain('  - targets[0].atLeast: expected a fraction in [0, 1] (e.g. 0.8 for 80 %), got 80');
    expect(message).toContain('  - targets[1].atLeastOpsPerSec: expected a number > 0 (e.g. 100000), got -5');
    expect(message).toContain('  - targets[1].noiseThreshold: expected a fraction in (0, 1) (e.g. 0.05 for 5 %), got 5');
    expect(message).toContain(`  - targets[2].over: unknown variant "naieve" (did you mean "naive"?)`);
    expect(message).toContain(`  - targets[3].over: 'naive' is the target's own variant; a variant compared with itself is always 1×`);
    expect(message).toMatch(/ {2}- targets\[4\]: expected a target object such as .*, got "fast please"/);
  });

  it('rejects a set that is not one', () => {
    expect(validationError(undefined).message).toMatch(/expected defineTargets\(\{ name, targets: \[\.\.\.\] \}\), got nothing/);
    expect(validationError({ name: '', targets: {}, extra: 1 }).message).toMatch(/name: expected a non-empty string[\s\S]*extra: unknown field[\s\S]*targets: expected an array/);
  });
});

// ---------------------------------------------------------------------------

function runSummary() {
  const jobs: JobFixture[] = [];
  const throughput = { naive: [10_000, 10_200, 9_800], batched: [25_000, 25_500, 24_500], cached: [15_000, 15_300, 14_700] };
  for (let repeat = 0; repeat < 3; repeat++) {
    jobs.push({ variant: 'naive', repeat, measure: { throughputOpsPerSec: throughput.naive[repeat]!, peakHeapUsedBytes: 40_000_000 } });
    jobs.push({ variant: 'batched', repeat, measure: { throughputOpsPerSec: throughput.batched[repeat]!, peakHeapUsedBytes: 40_000_000 } });
    jobs.push({
      variant: 'cached',
      repeat,
      measure: { throughputOpsPerSec: throughput.cached[repeat]!, hitRatio: 0.8, peakHeapUsedBytes: 10_000_000, gcTotalPauseMs: 20 + repeat },
    });
    jobs.push({ variant: 'pooled', repeat, status: 'failed', error: { message: 'worker crashed', phase: 'open' }, measure: null });
  }
  return summarize(makeRunResults(jobs, { scenario: makeScenario({ name: 'mixed-70-20-10' }) }));
}

function check(targets: readonly Target[], knownScenarios = SCENARIOS): TargetCheck[] {
  const set: TargetSet = { name: 'test', targets };
  return checkTargets(set, runSummary(), 'mixed-70-20-10', knownScenarios);
}

const row = (c: TargetCheck) => `${c.variant}:${c.status}`;

describe('checkTargets', () => {
  it("'*' expands to every variant of the run: pass, fail and no data for a variant whose repeats all failed", () => {
    const checks = check([{ scenario: 'mixed-70-20-10', variant: '*', metric: 'throughput', atLeastOpsPerSec: 20_000 }]);
    expect(checks.map(row)).toEqual(['naive:fail', 'batched:pass', 'cached:fail', 'pooled:no data']);
    expect(checks[1]).toMatchObject({
      description: 'mixed-70-20-10 · batched · throughput',
      bound: '≥ 20.0k ops/s',
      measured: { value: 25_000, interval: { low: 24_500, high: 25_500, confidence: 0.75 }, text: '25.0k ops/s [24.5k ops/s, 25.5k ops/s]' },
      note: null,
    });
    expect(checks[3]!.note).toBe('no successful repeat (3 failed: worker crashed)');
  });

  it('a median that meets the bound with an interval straddling it is undecided, not a pass', () => {
    const [naive] = check([{ scenario: 'mixed-70-20-10', variant: 'naive', metric: 'throughput', atLeastOpsPerSec: 10_000 }]);
    expect(naive).toMatchObject({
      status: 'undecided',
      note: 'the 75% interval straddles the bound, so these repeats cannot decide it (the median meets it); more repeats would',
    });
  });

  it('relative speed-up over naive uses the summary\'s speed-up and its interval; "*" leaves naive itself out', () => {
    const checks = check([{ scenario: 'mixed-70-20-10', variant: '*', metric: 'speedup', atLeastTimes: 2 }]);
    expect(checks.map(row)).toEqual(['batched:pass', 'cached:fail', 'pooled:no data']);
    expect(checks[0]!.bound).toBe("≥ 2.00× naive's throughput");
    expect(checks[0]!.measured!.value).toBeCloseTo(2.5, 12);
    expect(checks[0]!.measured!.interval).not.toBeNull();
    expect(checks[1]!.measured!.value).toBeCloseTo(1.5, 12);
  });

  it('relative speed-up over a variant that is not the summary baseline is a plain ratio of medians', () => {
    const [cached] = check([{ scenario: 'mixed-70-20-10', variant: 'cached', metric: 'speedup', atLeastTimes: 0.5, over: 'batched' }]);
    expect(cached).toMatchObject({ status: 'pass', measured: { value: 0.6, interval: null } });
  });

  it('heap per op relative to naive, and latency, memory, GC and hit ratio against absolute bounds', () => {
    const summary = runSummary();
    const cachedSummary = summary.variants.find((v) => v.variant === 'cached')!;
    const checks = check([
      { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'heapPerOp', atMostTimes: 0.5 },
      { scenario: 'mixed-70-20-10', variant: 'batched', metric: 'heapPerOp', atMostTimes: 0.5 },
      { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'latency', op: 'get', atMostNs: 1_000_000 },
      { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'latency', op: 'get', percentile: 'max', atMostNs: 100_000 },
      { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'peakHeap', atMostBytes: 16 * 1024 * 1024 },
      { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'peakRss', atMostBytes: 100 * 1024 * 1024 },
      { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'gcPause', atMostMs: 20 },
      { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'hitRatio', atLeast: 0.75 },
    ]);
    expect(checks.map((c) => `${c.description}:${c.status}`)).toEqual([
      'mixed-70-20-10 · cached · heap per op vs naive:pass',
      'mixed-70-20-10 · batched · heap per op vs naive:fail',
      'mixed-70-20-10 · cached · p99 get:pass',
      'mixed-70-20-10 · cached · max get:fail',
      'mixed-70-20-10 · cached · peak heap:pass',
      'mixed-70-20-10 · cached · peak RSS:fail',
      'mixed-70-20-10 · cached · GC pause total:undecided', // its interval straddles the bound
      'mixed-70-20-10 · cached · hit ratio:pass',
    ]);
    expect(checks[0]!.measured!.value).toBeCloseTo(0.25, 12);
    expect(checks[2]!.measured!.value).toBe(cachedSummary.latency.get!.p99Ns);
    expect(checks[2]!.bound).toBe('≤ 1 ms');
    expect(checks[3]!.measured!.value).toBe(cachedSummary.latency.get!.maxNs);
    expect(checks[5]).toMatchObject({ bound: '≤ 100.0 MiB', measured: { value: 120_000_000, text: '114.4 MiB' } });
    expect(checks[6]!.measured).toMatchObject({ value: 21, interval: { low: 20, high: 22 } });
    expect(checks[7]).toMatchObject({ bound: '≥ 75.0%', measured: { value: 0.8, text: '80.0%' } });
  });

  it('store RSS is the peak RSS above the no-op job; allocation per op is relative to naive', () => {
    const jobs: JobFixture[] = [{ variant: 'noop', repeat: 0, reference: true, measure: { throughputOpsPerSec: 5e6, peakRssBytes: 110_000_000 } }];
    for (let repeat = 0; repeat < 3; repeat++) {
      jobs.push({ variant: 'naive', repeat, measure: { throughputOpsPerSec: 1_000, peakRssBytes: 140_000_000, bytesPerOp: 1_000 } });
      jobs.push({ variant: 'cached', repeat, measure: { throughputOpsPerSec: 9_000, peakRssBytes: 140_000_000 + repeat * 1_000_000, bytesPerOp: 140 } });
      jobs.push({ variant: 'pooled', repeat, measure: { throughputOpsPerSec: 2_000, peakRssBytes: 250_000_000, bytesPerOp: 900 } });
    }
    const summary = summarize(makeRunResults(jobs, { scenario: makeScenario({ name: 'mixed-70-20-10' }) }));
    const checks = checkTargets(
      {
        name: 't',
        targets: [
          { scenario: 'mixed-70-20-10', variant: '*', metric: 'storeRss', atMostBytes: 100 * 1024 * 1024 },
          { scenario: 'mixed-70-20-10', variant: '*', metric: 'allocationPerOp', atMostTimes: 0.5 },
        ],
      },
      summary,
      'mixed-70-20-10',
      SCENARIOS,
    );
    expect(checks.map((c) => `${c.description}:${c.status}`)).toEqual([
      'mixed-70-20-10 · naive · peak RSS above the no-op job:pass',
      'mixed-70-20-10 · cached · peak RSS above the no-op job:pass',
      'mixed-70-20-10 · pooled · peak RSS above the no-op job:fail',
      'mixed-70-20-10 · cached · bytes allocated per op vs naive:pass',
      'mixed-70-20-10 · pooled · bytes allocated per op vs naive:fail',
    ]);
    expect(checks[1]!.measured!.value).toBe(32_000_000); // the largest repeat's peak minus the no-op job's
    expect(checks[3]!.measured!.value).toBeCloseTo(0.14, 12);
    expect(checks[4]!.measured!.value).toBeCloseTo(0.9, 12);
  });

  it('no data, with the reason, when the metric, the variant or the reference variant is missing', () => {
    const checks = check([
      { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'latency', op: 'scan', atMostNs: 1 },
      { scenario: 'mixed-70-20-10', variant: 'naive', metric: 'hitRatio', atLeast: 0.5 },
      { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'speedup', atLeastTimes: 2, over: 'pooled' },
    ]);
    expect(checks.map((c) => [c.status, c.note])).toEqual([
      ['no data', "no scan latency recorded (does the scenario's mix include scan?)"],
      ['no data', 'naive does not count cache hits and misses'],
      ['no data', 'pooled has no successful repeat to compare with'],
    ]);
    const summary = runSummary();
    const withoutNaive = { ...summary, variants: summary.variants.filter((v) => v.variant !== 'naive'), baselineVariant: null };
    const [speedup, throughput] = checkTargets(
      {
        name: 't',
        targets: [
          { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'speedup', atLeastTimes: 2 },
          { scenario: 'mixed-70-20-10', variant: 'naive', metric: 'throughput', atLeastOpsPerSec: 1 },
        ],
      },
      withoutNaive,
      'mixed-70-20-10',
      SCENARIOS,
    );
    expect(speedup!.note).toMatch(/^naive did not run, so there is nothing to compare with/);
    expect(throughput!.note).toBe('naive did not run (was it left out with --variant?)');
  });

  it('reports targets of missing scenarios as "no scenario" in every run, and leaves other existing scenarios to their own runs', () => {
    const checks = check([
      { scenario: 'memory-10k', variant: '*', metric: 'peakRss', atMostBytes: 1e8 },
      { scenario: 'single-put', variant: '*', metric: 'throughput', atLeastOpsPerSec: 100_000 },
      { scenario: 'mixed-70-20-10', variant: 'cached', metric: 'hitRatio', atLeast: 0.5 },
    ]);
    expect(checks).toHaveLength(2);
    expect(checks[0]).toMatchObject({
      scenario: 'memory-10k',
      variant: '*',
      status: 'no scenario',
      measured: null,
      bound: '≤ 95.4 MiB',
      note: 'there is no scenario "memory-10k" yet: add scenarios/memory-10k.ts to check this target',
    });
    expect(checks[1]).toMatchObject({ scenario: 'mixed-70-20-10', status: 'pass' });
  });

  it("'*' on a run without variants is one 'no data' row, not nothing", () => {
    const summary = { ...runSummary(), variants: [] };
    const checks = checkTargets(
      { name: 't', targets: [{ scenario: 'mixed-70-20-10', variant: '*', metric: 'throughput', atLeastOpsPerSec: 1 }] },
      summary,
      'mixed-70-20-10',
      SCENARIOS,
    );
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ variant: '*', status: 'no data', note: 'no variant ran' });
  });
});

describe('noiseThresholdsFrom', () => {
  const thresholds = noiseThresholdsFrom({
    name: 't',
    targets: [
      { scenario: 's', variant: '*', metric: 'throughput', atLeastOpsPerSec: 1, noiseThreshold: 0.08 },
      { scenario: 's', variant: 'cached', metric: 'throughput', atLeastOpsPerSec: 1, noiseThreshold: 0.03 },
      { scenario: 's', variant: 'cached', metric: 'latency', op: 'get', atMostNs: 1, noiseThreshold: 0.1 },
      { scenario: 's', variant: 'cached', metric: 'latency', op: 'put', percentile: 'p999', atMostNs: 1, noiseThreshold: 0.2 },
      { scenario: 's', variant: 'cached', metric: 'speedup', atLeastTimes: 2, noiseThreshold: 0.3 },
    ],
  });

  it('maps targets onto baseline cells, a named variant winning over "*"', () => {
    expect(thresholds({ scenario: 's', variant: 'cached', metric: 'throughput' })).toBe(0.03);
    expect(thresholds({ scenario: 's', variant: 'naive', metric: 'throughput' })).toBe(0.08);
    expect(thresholds({ scenario: 's', variant: 'cached', metric: 'p99:get' })).toBe(0.1);
    expect(thresholds({ scenario: 's', variant: 'cached', metric: 'p99:put' })).toBeUndefined(); // p999 has no cell
    expect(thresholds({ scenario: 'other', variant: 'cached', metric: 'throughput' })).toBeUndefined();
  });
});
