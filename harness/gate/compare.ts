/**
 * Baseline comparison: per cell (scenario, variant, metric), the ratio
 * now / baseline with a bootstrap interval, a Mann-Whitney p-value raw and
 * adjusted for the whole family of cells, and a verdict.
 *
 * The verdict rule (criterion.rs's two-part rule: significant, and larger
 * than the noise threshold):
 *
 *   regressed  adjusted p < alpha AND the ratio of medians is beyond the
 *              noise threshold (1 ± t) in the bad direction AND the rank
 *              test points the same way;
 *   improved   the same in the good direction;
 *   unchanged  anything else: no change was detected (see `suspect`);
 *   not comparable  the environments differ (another CPU model or Node
 *              major), the cell is on one side only, or no ratio exists.
 *
 * Why Mann-Whitney decides significance, and what it costs with 3 repeats.
 * Repeats are separate processes with skewed, outlier-prone timings, so the
 * test must not assume normality; the rank test is exact and
 * distribution-free (mann-whitney.ts). But no distribution-free test can be
 * rarer than one split in C(n₁+n₂, n₁): with 3 vs 3 repeats the smallest
 * two-sided p is 2/20 = 0.1, so at alpha 0.05 nothing is ever significant,
 * however large the change. Alternatives considered and rejected:
 * - "the bootstrap CI excludes 1 ± t": with 3 vs 3 the 95 % percentile
 *   interval of a ratio of medians is exactly [min/max, max/min] (each
 *   extreme combination has bootstrap probability (7/27)² ≈ 6.7 % > 2.5 %),
 *   so the rule is "the samples do not overlap, with a margin" — an event of
 *   probability up to 1/20 per cell under no change, which the interval's
 *   nominal 95 % hides; over a 20-cell gate the family-wise bound is
 *   1 − 0.95²⁰ ≈ 64 %, held down only by the margin, i.e. by hoping the
 *   noise is well below the threshold.
 * - a t-test on log values: can reach p < 0.05 with 3 vs 3, but only by
 *   trusting normality that a single GC outlier breaks.
 * So the rule stays sound and the sample size is made visible instead: every
 * cell carries the smallest p its sample sizes allow, the comparison carries
 * a `note` when some cell cannot reach significance (alone, or within the
 * family after correction) and `repeatsNeeded`, the repeats per side that a
 * lone change in this family needs (at alpha 0.05: 4 for one comparison,
 * 5 for 2 to 6, 6 for 7 to 23). A cell whose effect is beyond the threshold
 * in the bad direction but not significant is `suspect`: the gate's
 * confirmation round re-runs those cells, and the pooled repeats
 * (3 + 3 = 6 against a 5-repeat baseline gives min p 0.0043) settle it.
 * Baselines should be saved with at least 5 repeats for the same reason.
 *
 * Machine speed: current samples are first normalised by the calibration
 * ratio (calibration.ts; current machine speed / baseline machine speed):
 * rates divided by it, durations multiplied, memory untouched.
 *
 * The effect uses the point estimate (ratio of medians), not the interval:
 * significance is already the exact test's job, and the percentile
 * bootstrap undercovers at these sample sizes (see stats.ts), so the
 * interval is reported for reading, not used to decide.
 */
import { formatPValue } from '../core/format.ts';
import type { CellComparison, Comparison, Effect, UntestedProblem, Verdict, VerdictReason } from './records.ts';
import { atBaselineSpeed, cellId, cellMetricInfo, type CellCatalogue, type CellKey, type SampleCell, type SpeedScaling } from './cells.ts';
import { mannWhitneyU, minimumTwoSidedPValue, repeatsForSignificance, type MannWhitneyResult } from '../stats/mann-whitney.ts';
import { adjustPValues, CORRECTION_NAMES, type Correction } from '../stats/multiple-testing.ts';
import { DEFAULT_BOOTSTRAP_SEED, bootstrapRatioInterval, median } from '../stats/descriptive.ts';
import type { Interval } from '../stats/descriptive.ts';


export const DEFAULT_NOISE_THRESHOLD = 0.05;
export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_CORRECTION: Correction = 'holm';

export interface CompareOptions {
  /** The subject's cell metrics (subject.gate.cells): direction, unit and speed scaling of each metric id. */
  readonly metrics: CellCatalogue;
  /** Relative change that counts as noise, e.g. 0.05: ratios within [0.95, 1.05] are never a change. */
  readonly noiseThreshold?: number;
  /** Per-cell override of noiseThreshold (e.g. targets' noiseThresholdsFrom); undefined falls back to it. */
  readonly noiseThresholdOf?: (cell: CellKey) => number | undefined;
  /** Significance level for the adjusted p-values. */
  readonly alpha?: number;
  readonly correction?: Correction;
  /** Direction per metric id, overriding (or adding to) the cell-metrics catalogue. */
  readonly higherIsBetter?: Readonly<Record<string, boolean>>;
  /** Current machine speed / baseline machine speed (calibrationRatio in calibration.ts); default 1. */
  readonly calibrationRatio?: number;
  /** From baseline-file.ts: when not comparable, every cell's verdict is 'not comparable' (figures still shown). */
  readonly comparability?: { readonly comparable: boolean; readonly reasons: readonly string[] };
  /** Bootstrap seed; default DEFAULT_BOOTSTRAP_SEED so the same inputs give the same intervals. */
  readonly seed?: number;
  readonly resamples?: number;
  readonly confidence?: number;
}



function requireFraction(value: number, what: string, { allowZero }: { allowZero: boolean }): void {
  const ok = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0) && value < 1;
  if (!ok) throw new RangeError(`compareCells: ${what} must be in ${allowZero ? '[0, 1)' : '(0, 1)'}, got ${value}`);
}

function normalise(samples: readonly number[], speed: SpeedScaling, ratio: number): number[] {
  return samples.map((x) => atBaselineSpeed(x, speed, ratio));
}

/**
 * Beyond the threshold on a log scale: grew past 1 + t or shrank below
 * 1 / (1 + t), so "5 % slower" and "5 % faster" are the same distance and a
 * rate with a threshold of 0.9 fails at 1/1.9 of its baseline, not at a
 * tenth of it (1 - t, as it was).
 */
function effectOf(ratio: number, higherIsBetter: boolean, threshold: number): Effect {
  const grew = ratio > 1 + threshold;
  const shrank = ratio < 1 / (1 + threshold);
  if (!grew && !shrank) return 'within noise';
  return grew === higherIsBetter ? 'better' : 'worse';
}


/** Everything computed for a cell before the family is adjusted: the figures of its CellComparison, and why it cannot be tested, if so. */
type Draft = Pick<
  CellComparison,
  | 'unit'
  | 'higherIsBetter'
  | 'noiseThreshold'
  | 'baselineSamples'
  | 'currentSamples'
  | 'baselineMedian'
  | 'currentMedian'
  | 'ratio'
  | 'interval'
  | 'test'
  | 'minimumPValue'
> & {
  readonly key: CellKey;
  readonly problem: UntestedProblem | null;
};

function indexCells(cells: readonly SampleCell[], side: string): Map<string, SampleCell> {
  const byId = new Map<string, SampleCell>();
  for (const cell of cells) {
    const id = cellId(cell);
    if (byId.has(id)) throw new RangeError(`compareCells: the ${side} cells list ${id} twice; merge its samples into one cell`);
    byId.set(id, cell);
  }
  return byId;
}

function draftCell(
  key: CellKey,
  baseline: SampleCell | undefined,
  current: SampleCell | undefined,
  options: Required<Pick<CompareOptions, 'noiseThreshold' | 'calibrationRatio' | 'seed' | 'resamples' | 'confidence'>> & CompareOptions,
): Draft {
  const info = cellMetricInfo(options.metrics, key.metric);
  const higherIsBetter = options.higherIsBetter?.[key.metric] ?? info?.higherIsBetter ?? null;
  const noiseThreshold = options.noiseThresholdOf?.(key) ?? options.noiseThreshold;
  requireFraction(noiseThreshold, `the noise threshold of ${cellId(key)}`, { allowZero: true });
  const baselineSamples = baseline?.samples ?? [];
  const currentSamples = normalise(current?.samples ?? [], info?.speed ?? 'none', options.calibrationRatio);
  const empty: Draft = {
    key,
    unit: info?.unit ?? null,
    higherIsBetter,
    noiseThreshold,
    baselineSamples,
    currentSamples,
    baselineMedian: baselineSamples.length > 0 ? median(baselineSamples) : null,
    currentMedian: currentSamples.length > 0 ? median(currentSamples) : null,
    ratio: null,
    interval: null,
    test: null,
    minimumPValue: null,
    problem: null,
  };
  if (baselineSamples.length === 0) {
    return { ...empty, problem: { code: 'not-in-baseline' } };
  }
  if (currentSamples.length === 0) {
    return { ...empty, problem: { code: 'not-measured' } };
  }
  if (higherIsBetter === null) {
    return { ...empty, problem: { code: 'unknown-metric', metric: key.metric } };
  }

  const baselineMedian = empty.baselineMedian!;
  const currentMedian = empty.currentMedian!;
  let ratio: number;
  if (baselineMedian > 0) ratio = currentMedian / baselineMedian;
  else if (baselineMedian === 0 && currentMedian === 0) ratio = 1; // e.g. no GC pause before or after
  else return { ...empty, problem: { code: 'undefined-ratio', baselineMedian } };

  // bootstrapRatioInterval needs every denominator sample > 0 (no resampled median may be 0).
  const interval = baselineSamples.every((x) => x > 0)
    ? bootstrapRatioInterval(currentSamples, baselineSamples, {
        seed: options.seed,
        resamples: options.resamples,
        confidence: options.confidence,
      }).interval
    : null;
  return {
    ...empty,
    ratio,
    interval,
    test: mannWhitneyU(currentSamples, baselineSamples),
    minimumPValue: minimumTwoSidedPValue(currentSamples.length, baselineSamples.length),
  };
}

interface Judgement {
  readonly verdict: Verdict;
  readonly effect: Effect | null;
  readonly suspect: boolean;
  readonly reason: VerdictReason;
}

function judge(draft: Draft, adjusted: number | null, alpha: number, correction: Correction): Judgement {
  if (draft.problem !== null || draft.ratio === null || draft.test === null || adjusted === null || draft.higherIsBetter === null) {
    return { verdict: 'not comparable', effect: null, suspect: false, reason: { code: 'not-tested', problem: draft.problem } };
  }
  const { ratio, test, noiseThreshold: threshold } = draft;
  const effect = effectOf(ratio, draft.higherIsBetter, threshold);
  const pValues = { pValue: test.pValue, adjustedPValue: adjusted, correction };
  const significance = { ...pValues, alpha, currentRepeats: test.n1, baselineRepeats: test.n2 };

  if (effect === 'within noise') {
    return { verdict: 'unchanged', effect, suspect: false, reason: { code: 'within-noise', ratio, threshold, ...pValues } };
  }
  const direction = effect === 'worse' ? 'worse' : 'better';
  const significant = adjusted < alpha;
  // The ratio of medians and the rank test can, rarely, point different ways
  // (different shapes, equal medians); a verdict needs both to agree.
  const testSaysGrew = test.probabilityOfSuperiority > 0.5;
  const agrees = testSaysGrew === ratio > 1;
  if (significant && agrees) {
    return {
      verdict: effect === 'worse' ? 'regressed' : 'improved',
      effect,
      suspect: false,
      reason: { code: 'significant-change', ratio, direction, threshold, ...significance },
    };
  }
  const why =
    !significant && draft.minimumPValue !== null && draft.minimumPValue >= alpha
      ? ({ code: 'sample-too-small', minimumPValue: draft.minimumPValue, ...significance } as const)
      : !significant
        ? ({ code: 'above-alpha', ...significance } as const)
        : ({ code: 'rank-test-disagrees', probabilityOfSuperiority: test.probabilityOfSuperiority } as const);
  return { verdict: 'unchanged', effect, suspect: effect === 'worse', reason: { code: 'not-significant', ratio, direction, why } };
}

const VERDICT_RANK: Readonly<Record<Verdict, number>> = { regressed: 0, 'not comparable': 1, improved: 2, unchanged: 3 };

function severity(cell: CellComparison): number {
  return cell.ratio === null || cell.ratio <= 0 ? 0 : Math.abs(Math.log(cell.ratio));
}

function byAttention(a: CellComparison, b: CellComparison): number {
  const rank = VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict];
  if (rank !== 0) return rank;
  if (a.verdict === 'regressed') return severity(b) - severity(a);
  if (a.verdict === 'unchanged') return Number(b.suspect) - Number(a.suspect);
  return 0;
}

function familyNote(drafts: readonly Draft[], familySize: number, alpha: number, correction: Correction, repeatsNeeded: number): string | null {
  let worst: Draft | null = null;
  for (const draft of drafts) {
    if (draft.minimumPValue !== null && (worst === null || draft.minimumPValue > worst.minimumPValue!)) worst = draft;
  }
  if (worst === null) return null;
  const minP = worst.minimumPValue!;
  const size = `${worst.test!.n1} vs ${worst.test!.n2} repeats`;
  const advice = `Use at least ${repeatsNeeded} repeats per side (baseline and current) so that a change in a single cell of these ${familySize} can be detected.`;
  if (minP >= alpha) {
    const stuck = drafts.filter((d) => d.minimumPValue !== null && d.minimumPValue >= alpha).length;
    return (
      `${stuck} of ${familySize} cells can never be flagged: with ${size} the smallest two-sided p an exact rank test can give is ` +
      `${formatPValue(minP)}, not below α = ${alpha}, however large the change. Cells marked suspect changed beyond the noise threshold; ` +
      `re-run them (the confirmation round) before trusting "unchanged". ${advice}`
    );
  }
  if (minP * familySize >= alpha) {
    const lone = drafts.filter((d) => d.minimumPValue !== null && d.minimumPValue * familySize >= alpha).length;
    // Holm's first step needs the smallest p below alpha/m; if no cell can get
    // there, Holm flags nothing. BH (and Holm's later steps) can still flag
    // such a cell when other cells are significant too.
    const consequence =
      correction === 'holm' && lone === familySize
        ? `so Holm's first step can never pass and nothing can be flagged`
        : `so ${lone === familySize ? 'these cells' : `${lone} of them`} can only be flagged together with other significant cells`;
    return (
      `With ${familySize} comparisons a change in a single cell needs p < α/${familySize} = ${formatPValue(alpha / familySize)} after ` +
      `${CORRECTION_NAMES[correction]} correction, and ${size} cannot give p below ${formatPValue(minP)}, ${consequence}. ${advice}`
    );
  }
  return null;
}

function countVerdicts(cells: readonly CellComparison[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { regressed: 0, improved: 0, unchanged: 0, 'not comparable': 0 };
  for (const cell of cells) counts[cell.verdict]++;
  return counts;
}

/**
 * Compares the current run's cells with the baseline's. Both lists hold raw
 * per-repeat samples (cell-metrics.ts); the current ones are normalised by
 * `calibrationRatio` here. Every cell on either side gets a row.
 */
export function compareCells(current: readonly SampleCell[], baseline: readonly SampleCell[], options: CompareOptions): Comparison {
  const alpha = options?.alpha ?? DEFAULT_ALPHA;
  const correction = options?.correction ?? DEFAULT_CORRECTION;
  const calibrationRatio = options?.calibrationRatio ?? 1;
  requireFraction(alpha, 'alpha', { allowZero: false });
  if (!(Number.isFinite(calibrationRatio) && calibrationRatio > 0)) {
    throw new RangeError(`compareCells: calibrationRatio must be a number > 0 (current speed / baseline speed), got ${calibrationRatio}`);
  }
  const resolved = {
    ...options,
    noiseThreshold: options?.noiseThreshold ?? DEFAULT_NOISE_THRESHOLD,
    calibrationRatio,
    seed: options?.seed ?? DEFAULT_BOOTSTRAP_SEED,
    resamples: options?.resamples ?? 10_000,
    confidence: options?.confidence ?? 0.95,
  };

  const baselineById = indexCells(baseline, 'baseline');
  const currentById = indexCells(current, 'current');
  const keys: CellKey[] = [];
  for (const cell of baseline) keys.push({ scenario: cell.scenario, variant: cell.variant, metric: cell.metric });
  for (const cell of current) {
    if (!baselineById.has(cellId(cell))) keys.push({ scenario: cell.scenario, variant: cell.variant, metric: cell.metric });
  }

  const drafts = keys.map((key) => draftCell(key, baselineById.get(cellId(key)), currentById.get(cellId(key)), resolved));
  const family = drafts.filter((d) => d.test !== null);
  const adjusted = adjustPValues(
    family.map((d) => d.test!.pValue),
    correction,
  );
  const adjustedOf = new Map(family.map((d, i) => [d, adjusted[i]!]));
  const comparable = options?.comparability?.comparable ?? true;
  const incomparable = `not comparable with the baseline: ${options?.comparability?.reasons.join('; ') || 'environment differs'}`;

  const cells = drafts.map((draft): CellComparison => {
    const adjustedPValue = adjustedOf.get(draft) ?? null;
    const judgement = judge(draft, adjustedPValue, alpha, correction);
    return {
      ...draft.key,
      unit: draft.unit,
      higherIsBetter: draft.higherIsBetter,
      noiseThreshold: draft.noiseThreshold,
      baselineSamples: draft.baselineSamples,
      currentSamples: draft.currentSamples,
      baselineMedian: draft.baselineMedian,
      currentMedian: draft.currentMedian,
      ratio: draft.ratio,
      interval: draft.interval,
      effect: judgement.effect,
      test: draft.test,
      pValue: draft.test?.pValue ?? null,
      adjustedPValue,
      minimumPValue: draft.minimumPValue,
      ...(comparable
        ? { verdict: judgement.verdict, suspect: judgement.suspect, reason: judgement.reason }
        : {
            verdict: 'not comparable' as const,
            suspect: false,
            reason: { code: 'not-comparable' as const, reasons: options?.comparability?.reasons ?? [], inner: judgement.reason },
          }),
    };
  });
  cells.sort(byAttention);

  const familySize = family.length;
  const repeatsNeeded = repeatsForSignificance(alpha, Math.max(1, familySize));
  const counts = countVerdicts(cells);
  return {
    cells,
    alpha,
    correction,
    calibrationRatio,
    familySize,
    repeatsNeeded,
    note: comparable ? familyNote(family, familySize, alpha, correction, repeatsNeeded) : incomparable,
    counts,
  };
}

/** A verdict replacing compareCells' own for one cell (the confirmation round's). */
export interface VerdictOverride {
  readonly verdict: Verdict;
  readonly suspect: boolean;
  readonly reason: VerdictReason;
}

/**
 * The comparison with some cells' verdicts replaced, re-sorted and
 * re-counted; figures and p-values stay as compareCells computed them.
 */
export function overrideVerdicts(comparison: Comparison, override: (cell: CellComparison) => VerdictOverride | null): Comparison {
  const cells = comparison.cells.map((cell) => {
    const replaced = override(cell);
    return replaced === null ? cell : { ...cell, ...replaced };
  });
  cells.sort(byAttention);
  const counts = countVerdicts(cells);
  return { ...comparison, cells, counts };
}

export type { CellComparison, Comparison, Effect, Verdict, VerdictReason } from './records.ts';
