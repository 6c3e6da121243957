/**
 * Measured noise (`bench calibrate-noise`): the baseline's scenario is run K
 * more times on an unchanged tree and each run is compared with the
 * baseline. Nothing changed, so every ratio of medians is noise; its size
 * per cell sets that cell's threshold, and replaying the gate on each
 * self-comparison estimates how often the gate would cry wolf.
 *
 * Threshold: margin × the largest |ratio − 1| seen in K runs. The largest of
 * K draws is roughly the K/(K+1) quantile of the run-to-run deviation, so
 * with K = 5 about one gate run in six would exceed it on noise alone; the
 * margin (default 1.5) buys headroom, and significance (the rank test) is
 * still required on top.
 *
 * False-alarm estimate: leave-one-out. Self-run k is judged with thresholds
 * derived from the other K − 1 runs only, so it is a fresh draw against
 * thresholds it did not help set (deriving them from all K and testing the
 * same K would pass by construction). The estimate ignores the gate's
 * confirmation round, which only removes alarms, so it is an upper estimate.
 * The rate carries a one-sided Clopper-Pearson bound, because "0 of 5" is
 * weak evidence (rule of three: ≤ 45 % at 95 %).
 */
import type { FalseAlarmEstimate } from './records.ts';
import { calibrationRatio } from './machine-speed.ts';
import { atBaselineSpeed, cellId, cellMetricInfo, type CellCatalogue, type CellKey, type SampleCell } from './cells.ts';
import { compareCells, DEFAULT_ALPHA, DEFAULT_CORRECTION, type CompareOptions } from './compare.ts';
import { median } from '../stats/descriptive.ts';

export const DEFAULT_NOISE_MARGIN = 1.5;
/** compareCells needs thresholds below 1; a cell noisier than this cannot be gated usefully anyway. */
export const MAX_DERIVED_THRESHOLD = 0.9;

export interface CellNoise extends CellKey {
  /** Each self-run's median / the baseline's median, normalised by that run's calibration ratio. */
  readonly ratios: readonly number[];
  /** The largest |ratio − 1|. */
  readonly observed: number;
  /** margin × observed, capped at MAX_DERIVED_THRESHOLD: the cell's noise threshold for later gates. */
  readonly threshold: number;
}

export interface BaselineNoise {
  readonly createdAt: string;
  /** Self-comparisons run. */
  readonly runs: number;
  readonly margin: number;
  readonly cells: readonly CellNoise[];
  readonly falseAlarm: FalseAlarmEstimate;
  /** The gate settings the false-alarm rate was estimated with (a gate with others has another rate). */
  readonly settings: { readonly floor: number; readonly alpha: number; readonly correction: string; readonly metrics: readonly string[] | null };
}

/** One self-comparison: a run's cells and its calibration samples. */
export interface SelfRun {
  readonly cells: readonly SampleCell[];
  readonly calibrationOpsPerSec: readonly number[];
}

/** Per baseline cell, the ratio of each run's (normalised) median to the baseline's; runs lacking the cell are skipped. */
function ratiosByCell(
  cells: CellCatalogue,
  baseline: readonly SampleCell[],
  baselineCalibration: readonly number[],
  runs: readonly SelfRun[],
): Map<string, number[]> {
  const byCell = new Map<string, number[]>();
  const speedRatios = runs.map((run) => calibrationRatio(run.calibrationOpsPerSec, baselineCalibration));
  for (const cell of baseline) {
    const base = median(cell.samples);
    if (!(base > 0)) continue;
    const speed = cellMetricInfo(cells, cell.metric)?.speed ?? 'none';
    const ratios: number[] = [];
    runs.forEach((run, i) => {
      const mine = run.cells.find((c) => cellId(c) === cellId(cell));
      if (mine !== undefined && mine.samples.length > 0) ratios.push(atBaselineSpeed(median(mine.samples), speed, speedRatios[i]!) / base);
    });
    byCell.set(cellId(cell), ratios);
  }
  return byCell;
}

function thresholdOf(ratios: readonly number[], margin: number): { observed: number; threshold: number } {
  const observed = ratios.reduce((worst, r) => Math.max(worst, Math.abs(r - 1)), 0);
  return { observed, threshold: Math.min(MAX_DERIVED_THRESHOLD, margin * observed) };
}

/**
 * One-sided upper confidence bound for a binomial proportion (Clopper &
 * Pearson 1934): the p at which seeing `successes` or fewer in `trials` has
 * probability 1 − confidence. Found by bisection on the binomial CDF.
 */
export function clopperPearsonUpper(successes: number, trials: number, confidence = 0.95): number {
  if (!(Number.isInteger(trials) && trials >= 1 && Number.isInteger(successes) && successes >= 0 && successes <= trials)) {
    throw new RangeError(`clopperPearsonUpper: need whole numbers 0 <= successes <= trials, trials >= 1; got ${successes} of ${trials}`);
  }
  if (successes === trials) return 1;
  const tail = 1 - confidence;
  const cdf = (p: number): number => {
    // P(X <= successes), summed in log space so large trials do not overflow.
    let total = 0;
    let logChoose = 0;
    for (let k = 0; k <= successes; k++) {
      if (k > 0) logChoose += Math.log(trials - k + 1) - Math.log(k);
      total += Math.exp(logChoose + k * Math.log(p) + (trials - k) * Math.log1p(-p));
    }
    return total;
  };
  let low = successes / trials;
  let high = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (cdf(mid) > tail) low = mid;
    else high = mid;
  }
  return high;
}

export interface NoiseOptions {
  /** The subject's cell metrics: how each moves with machine speed, and how compareCells judges it. */
  readonly cells: CellCatalogue;
  readonly margin?: number;
  /** The gate's global threshold: derived thresholds never go below it. */
  readonly floor: number;
  /** Passed to compareCells when replaying the gate (alpha, correction, per-target overrides). */
  readonly compare?: Omit<CompareOptions, 'metrics' | 'noiseThreshold' | 'calibrationRatio' | 'comparability'>;
  /** The metric groups the cells were limited to (recorded only; pass the cells already filtered). */
  readonly metrics?: readonly string[] | null;
  readonly createdAt: string;
}

/**
 * Measured noise of every baseline cell over `runs` (at least 2, so the
 * leave-one-out estimate has something to derive thresholds from).
 */
export function measureNoise(
  baseline: { readonly cells: readonly SampleCell[]; readonly calibrationOpsPerSec: readonly number[] },
  runs: readonly SelfRun[],
  options: NoiseOptions,
): BaselineNoise {
  if (runs.length < 2) throw new RangeError(`measureNoise: need at least 2 self-runs, got ${runs.length}`);
  const margin = options.margin ?? DEFAULT_NOISE_MARGIN;
  const byCell = ratiosByCell(options.cells, baseline.cells, baseline.calibrationOpsPerSec, runs);
  const cells: CellNoise[] = baseline.cells.flatMap((cell) => {
    const ratios = byCell.get(cellId(cell));
    if (ratios === undefined || ratios.length === 0) return [];
    return [{ scenario: cell.scenario, variant: cell.variant, metric: cell.metric, ratios, ...thresholdOf(ratios, margin) }];
  });

  let alarms = 0;
  runs.forEach((run, held) => {
    const others = runs.filter((_, i) => i !== held);
    const otherRatios = ratiosByCell(options.cells, baseline.cells, baseline.calibrationOpsPerSec, others);
    const thresholds = new Map([...otherRatios].map(([id, ratios]) => [id, thresholdOf(ratios, margin).threshold]));
    const comparison = compareCells(run.cells, baseline.cells, {
      ...options.compare,
      metrics: options.cells,
      noiseThreshold: options.floor,
      noiseThresholdOf: (cell) => {
        const own = options.compare?.noiseThresholdOf?.(cell);
        if (own !== undefined) return own;
        return Math.max(options.floor, thresholds.get(cellId(cell)) ?? 0);
      },
      calibrationRatio: calibrationRatio(run.calibrationOpsPerSec, baseline.calibrationOpsPerSec),
    });
    if (comparison.counts.regressed > 0) alarms++;
  });

  return {
    createdAt: options.createdAt,
    runs: runs.length,
    margin,
    cells,
    falseAlarm: { runs: runs.length, alarms, rate: alarms / runs.length, upper95: clopperPearsonUpper(alarms, runs.length) },
    settings: {
      floor: options.floor,
      alpha: options.compare?.alpha ?? DEFAULT_ALPHA,
      correction: options.compare?.correction ?? DEFAULT_CORRECTION,
      metrics: options.metrics ?? null,
    },
  };
}

/** The threshold `noise` derived for a cell, if it measured that cell. */
export function measuredThreshold(noise: BaselineNoise | undefined, cell: CellKey): number | undefined {
  return noise?.cells.find((c) => cellId(c) === cellId(cell))?.threshold;
}
