/**
 * Runs with target checks and a baseline gate for the renderer tests, built
 * with the real analysis: checkTargets over summarize(), and compareCells
 * over cellsFromResults() of a baseline run and a current run in which one
 * variant's throughput halved (6 vs 6 repeats, so the change can be
 * significant after Holm correction over the whole family of cells).
 */
import { comparability } from '../../../harness/gate/baseline.ts';
import { calibrationRatio } from '../../../harness/gate/machine-speed.ts';
import { cellId, cellsFromResults } from '../../../harness/gate/cells.ts';
import { compareCells, type Comparison } from '../../../harness/gate/compare.ts';
import { summarize } from '../../../harness/subjects/storage/analyze.ts';
import { checkTargets } from '../../../harness/subjects/storage/targets.ts';
import type { GateRecord, TargetsRecord } from '../../../harness/gate/records.ts';
import type { StorageRunResults as RunResults } from '../../../harness/subjects/storage/measure.ts';
import { buildReportModel } from '../../../harness/report/model.ts';
import { STORAGE_CELLS } from '../../../harness/subjects/storage/gate-cells.ts';
import { storageSubject } from '../../../harness/subjects/storage/subject.ts';
import type { StorageReportModel } from '../../../harness/subjects/storage/run-summary.ts';
import { defineTargets } from '../../../targets/define.ts';
import { makeRunResults, makeScenario, type JobFixture } from '../../support/results-fixtures.ts';
import { GENERATED_AT } from './fixtures.ts';

export const SLOW_VARIANT = 'cached';
export const HOSTILE_VARIANT = '<script>alert("v")</script>|pipe';
export const HOSTILE_BASELINE = 'ci</b><img src=x>';
export const REPEATS = 6;

/** Per-repeat throughput of the baseline run; the current run's is the same, but SLOW_VARIANT's is halved. */
const BASELINE_THROUGHPUT: Readonly<Record<string, readonly number[]>> = {
  naive: [10_000, 10_100, 9_900, 10_050, 9_950, 10_020],
  cached: [40_000, 40_400, 39_600, 40_200, 39_800, 40_100],
};

export interface ChecksOptions {
  /** Name naive hostilely (and the baseline): same numbers, same family of cells. */
  readonly hostile?: boolean;
  /** The current run on another CPU: not comparable. */
  readonly otherCpu?: boolean;
  /** What the confirmation round made of the regression; default 'confirmed'. */
  readonly confirmation?: 'confirmed' | 'noise' | 'skipped';
  readonly targets?: boolean;
  readonly gate?: boolean;
  /** Repeats per side (at most REPEATS); with 3 no cell can be significant, so the halving is only suspect. */
  readonly repeats?: number;
}

function variantsOf(options: ChecksOptions): string[] {
  return [options.hostile ? HOSTILE_VARIANT : 'naive', 'cached'];
}

function run(options: ChecksOptions, side: 'baseline' | 'current'): RunResults {
  const jobs: JobFixture[] = [];
  const repeats = options.repeats ?? REPEATS;
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const variant of variantsOf(options)) {
      const base = BASELINE_THROUGHPUT[variant] ?? BASELINE_THROUGHPUT.naive!;
      const factor = side === 'current' && variant === SLOW_VARIANT ? 0.5 : 1;
      jobs.push({
        variant,
        repeat,
        // A fixed latency series and fixed memory/GC figures: only throughput moves between the runs.
        measure: { throughputOpsPerSec: base[repeat]! * factor, latencyBaseNs: 20_000 },
      });
    }
  }
  const scenario = makeScenario({ repeats, variants: variantsOf(options) });
  const results = makeRunResults(jobs, { scenario, runId: side === 'baseline' ? '2024-12-01T00-00-00Z-kv-mixed' : undefined });
  if (side === 'current' && options.otherCpu) {
    return { ...results, environment: { ...results.environment, cpuModel: 'Another CPU @ 2.0GHz' } };
  }
  return results;
}

export const TARGET_SET = defineTargets({
  name: 'fixture',
  plannedScenarios: ['single-put', 'memory-10k'],
  targets: [
    { scenario: 'kv-mixed', variant: '*', metric: 'throughput', atLeastOpsPerSec: 15_000, source: 'capacity plan' },
    { scenario: 'kv-mixed', variant: 'cached', metric: 'hitRatio', atLeast: 0.5 },
    { scenario: 'kv-mixed', variant: 'naive', metric: 'latency', op: 'get', atMostNs: 1_000_000_000 },
    { scenario: 'single-put', variant: 'batched', metric: 'throughput', atLeastOpsPerSec: 100_000, source: 'single put > 100k ops/s' },
    { scenario: 'single-put', variant: 'cached', metric: 'throughput', atLeastOpsPerSec: 100_000 },
    { scenario: 'memory-10k', variant: '*', metric: 'peakRss', atMostBytes: 100 * 1024 * 1024 },
  ],
});

export function targetsRecord(results: RunResults): TargetsRecord {
  return {
    name: TARGET_SET.name,
    file: 'targets/fixture.ts',
    checks: checkTargets(TARGET_SET, summarize(results), results.scenario.name, [results.scenario.name]),
    enforced: true,
  };
}

const CALIBRATION = { baseline: [1_000, 1_010, 990], current: [1_010, 995, 1_000] };

export function gateRecord(baseline: RunResults, current: RunResults, options: ChecksOptions): GateRecord {
  const compared = comparability(baseline.environment, current.environment);
  const ratio = calibrationRatio(CALIBRATION.current, CALIBRATION.baseline);
  const comparison: Comparison = compareCells(cellsFromResults(current, STORAGE_CELLS), cellsFromResults(baseline, STORAGE_CELLS), { metrics: STORAGE_CELLS, calibrationRatio: ratio, comparability: compared });
  const regressed = comparison.cells.filter((c) => c.verdict === 'regressed').map(cellId);
  const confirmation = options.confirmation ?? 'confirmed';
  const outcome = !compared.comparable ? 'not comparable' : confirmation === 'noise' ? 'pass' : regressed.length > 0 ? 'regressed' : 'pass';
  return {
    baseline: {
      name: options.hostile ? HOSTILE_BASELINE : 'ci',
      file: 'reports/baselines/ci.json',
      runId: baseline.runId,
      createdAt: '2024-12-01T00:01:00.000Z',
      gitCommit: 'fedcba9876543210fedcba9876543210fedcba98',
    },
    settings: { noiseThreshold: 0.05, alpha: 0.05, correction: 'holm', confirmRepeats: 3, metrics: null, measuredNoise: false },
    comparability: compared,
    calibration: { baselineOpsPerSec: 1_000, currentOpsPerSec: 1_000, ratio },
    comparison,
    confirmation:
      confirmation === 'skipped' || !compared.comparable
        ? null
        : {
            repeats: 3,
            variants: [SLOW_VARIANT],
            flagged: regressed,
            confirmed: confirmation === 'confirmed' ? regressed : [],
            noise: confirmation === 'noise' ? regressed : [],
            inconclusive: [],
          },
    confirmationSkipped: confirmation === 'skipped' ? 'turned off with --confirm 0' : null,
    falseAlarm: { runs: 10, alarms: 0, rate: 0, upper95: 0.2589 },
    outcome,
  };
}

/** The current run, with targets and gate as the CLI records them. */
export function checksResults(options: ChecksOptions = {}): RunResults {
  const baseline = run(options, 'baseline');
  const current = run(options, 'current');
  return {
    ...current,
    calibration: { workload: 'fixture workload', opsPerSec: CALIBRATION.current },
    targets: options.targets === false ? null : targetsRecord(current),
    gate: options.gate === false ? null : gateRecord(baseline, current, options),
  };
}

export function checksModel(options: ChecksOptions = {}): StorageReportModel {
  return buildReportModel(checksResults(options), storageSubject, GENERATED_AT);
}
