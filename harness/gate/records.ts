/**
 * What results.json records of a run's checks: the target checks
 * (--targets, checked in every storage run) and the baseline gate
 * (--baseline NAME), so the report and the Markdown summary can be
 * re-rendered from results.json alone, with the verdicts the run exited on.
 *
 * Plain data built by the harness from analysis/targets.ts and
 * analysis/compare.ts; renderers only read it.
 */
import type { MannWhitneyResult } from '../stats/mann-whitney.ts';
import type { Interval } from '../stats/descriptive.ts';
import type { Correction } from '../stats/multiple-testing.ts';
import type { TargetCheck } from './target-checks.ts';

// The gate's data types live here, below the code that computes them
// (compare.ts, baseline.ts, cells.ts), so that results.json's schema
// (core/results.ts) can name them without importing that code.

/** One cell's identity across runs: scenario, variant and metric. */
export interface CellKey {
  readonly scenario: string;
  readonly variant: string;
  readonly metric: string;
}

export type Verdict = 'improved' | 'regressed' | 'unchanged' | 'not comparable';
export type Effect = 'worse' | 'better' | 'within noise';

export interface CellComparison extends CellKey {
  readonly unit: string | null;
  readonly higherIsBetter: boolean | null;
  readonly noiseThreshold: number;
  readonly baselineSamples: readonly number[];
  /** The current run's samples, normalised to the baseline machine's speed. */
  readonly currentSamples: readonly number[];
  readonly baselineMedian: number | null;
  /** Normalised, like currentSamples. */
  readonly currentMedian: number | null;
  /** currentMedian / baselineMedian; > 1 means the number grew (better for throughput, worse for latency). */
  readonly ratio: number | null;
  /** Two-sample percentile bootstrap interval of the ratio; null with fewer than 2 samples a side. */
  readonly interval: Interval | null;
  /** Whether the ratio is beyond the noise threshold, and which way that is for this metric. */
  readonly effect: Effect | null;
  readonly test: MannWhitneyResult | null;
  /** Two-sided Mann-Whitney p, current vs baseline. */
  readonly pValue: number | null;
  /** pValue adjusted over the family of compared cells. */
  readonly adjustedPValue: number | null;
  /** The smallest p these sample sizes allow (2 / C(n₁+n₂, n₁)). */
  readonly minimumPValue: number | null;
  readonly verdict: Verdict;
  /** Worse beyond the noise threshold but not significant: re-run it before trusting 'unchanged'. */
  readonly suspect: boolean;
  /** Why this verdict, as a code and the numbers behind it; report/gate-wording.ts puts it in words. */
  readonly reason: VerdictReason;
}

/** Why a cell could not be tested (compare.ts draftCell). */
export type UntestedProblem =
  /** A new variant or metric: save a new baseline to track it. */
  | { readonly code: 'not-in-baseline' }
  /** Variant not run, or every repeat failed. */
  | { readonly code: 'not-measured' }
  /** No direction is known for the metric (options' higherIsBetter). */
  | { readonly code: 'unknown-metric'; readonly metric: string }
  /** The baseline median is zero or negative (and the current one is not zero): no ratio. */
  | { readonly code: 'undefined-ratio'; readonly baselineMedian: number };

/** The p-values behind a tested verdict. */
export interface PValues {
  /** Two-sided Mann-Whitney p, current vs baseline. */
  readonly pValue: number;
  /** pValue adjusted over the family by `correction`. */
  readonly adjustedPValue: number;
  readonly correction: Correction;
}

/** PValues, the level they were held to and the sample sizes (current and baseline repeats). */
export interface SignificanceTest extends PValues {
  readonly alpha: number;
  readonly currentRepeats: number;
  readonly baselineRepeats: number;
}

/** Why a change beyond the noise threshold was not a verdict. */
export type NotSignificantWhy =
  /** These sample sizes cannot give a p below alpha at all (minimumPValue ≥ alpha). */
  | ({ readonly code: 'sample-too-small'; readonly minimumPValue: number } & SignificanceTest)
  | ({ readonly code: 'above-alpha' } & SignificanceTest)
  /** Significant, but the rank test and the ratio of medians point different ways. */
  | { readonly code: 'rank-test-disagrees'; readonly probabilityOfSuperiority: number };

/**
 * A cell's verdict as a code and exactly the numbers its wording needs
 * (report/gate-wording.ts describeReason). The first round's codes come from
 * compare.ts; the confirmation round's (confirmation.ts) wrap the pooled
 * comparison's reason; 'legacy-text' is a results.json of schema 4 or
 * older, whose reasons were stored as text.
 */
export type VerdictReason =
  | { readonly code: 'not-tested'; readonly problem: UntestedProblem | null }
  | ({ readonly code: 'within-noise'; readonly ratio: number; readonly threshold: number } & PValues)
  | ({
      readonly code: 'significant-change';
      readonly ratio: number;
      readonly direction: 'worse' | 'better';
      readonly threshold: number;
    } & SignificanceTest)
  | { readonly code: 'not-significant'; readonly ratio: number; readonly direction: 'worse' | 'better'; readonly why: NotSignificantWhy }
  /** The environments differ (comparability reasons); `inner` is what the cell's verdict would have been. */
  | { readonly code: 'not-comparable'; readonly reasons: readonly string[]; readonly inner: VerdictReason }
  /** Regressed with the repeats pooled and worse again in the confirmation repeats alone (`aloneRatio`). */
  | { readonly code: 'confirmed'; readonly pooled: VerdictReason; readonly repeatsAlone: number; readonly aloneRatio: number | null }
  /** Regressed pooled, but the confirmation repeats alone were not worse beyond the threshold (null ratio: no confirmation samples). */
  | { readonly code: 'noise-not-reproduced'; readonly pooled: VerdictReason; readonly aloneRatio: number | null; readonly threshold: number }
  /** Flagged, then not a regression with the confirmation repeats pooled. */
  | { readonly code: 'noise-pooled'; readonly pooled: VerdictReason }
  /** Regressed only on the pooled repeats, but the first round had not flagged it. */
  | { readonly code: 'not-flagged-first-round'; readonly pooled: VerdictReason }
  /** Worse again alone, but the pooled sample sizes cannot reach significance over the family. */
  | {
      readonly code: 'inconclusive';
      readonly pooled: VerdictReason;
      readonly aloneRatio: number | null;
      readonly currentRepeats: number;
      readonly baselineRepeats: number;
      readonly familySize: number;
      readonly repeatsNeeded: number;
    }
  /** A reason stored as text (results.json schema 4 and older). */
  | { readonly code: 'legacy-text'; readonly text: string };

export type VerdictReasonCode = VerdictReason['code'];

export interface Comparison {
  /** Regressions first (worst first), then not comparable, improved, and unchanged (suspects first). */
  readonly cells: readonly CellComparison[];
  readonly alpha: number;
  readonly correction: Correction;
  readonly calibrationRatio: number;
  /** Cells that were tested and adjusted together. */
  readonly familySize: number;
  /** Repeats per side a change in a single cell of this family needs to be able to reach significance. */
  readonly repeatsNeeded: number;
  /** Set when sample sizes keep some cells from ever being flagged; say it next to the verdicts. */
  readonly note: string | null;
  readonly counts: Readonly<Record<Verdict, number>>;
}

export interface Comparability {
  /** False when a comparison would measure the machine, not the code. */
  readonly comparable: boolean;
  /** Why not comparable (empty when comparable). */
  readonly reasons: readonly string[];
  /** Differences worth showing that do not prevent the comparison. */
  readonly warnings: readonly string[];
}


export interface TargetsRecord {
  /** The target set's name (defineTargets({ name })). */
  readonly name: string;
  /** The file it came from, as given (default targets/default.ts). */
  readonly file: string;
  /** One row per target and variant of this scenario, plus every target of a missing scenario ("no scenario"). */
  readonly checks: readonly TargetCheck[];
  /** Whether --check was given: a failed target then made the run exit 3. */
  readonly enforced: boolean;
}

/** The calibration workload (analysis/calibration.ts) as timed around this run. */
export interface CalibrationRecord {
  readonly workload: string;
  /** Rounds per second, one per sample: a batch before the jobs, one sample after each job, a batch after (calibration-sampler.ts). */
  readonly opsPerSec: readonly number[];
}

/** The gate's false-alarm rate as measured by `calibrate-noise` (leave-one-out over its self-comparisons). */
export interface FalseAlarmEstimate {
  /** Self-comparisons of the baseline's scenario against the baseline. */
  readonly runs: number;
  /** How many of them the gate would have failed (a regression with thresholds derived from the other runs). */
  readonly alarms: number;
  /** alarms / runs. */
  readonly rate: number;
  /** One-sided 95 % upper bound of the rate (Clopper-Pearson), which is what "0 of 5" really says. */
  readonly upper95: number;
}

export interface GateConfirmation {
  /** Extra repeats run per flagged variant. */
  readonly repeats: number;
  /** The variants re-run (every variant with a flagged cell). */
  readonly variants: readonly string[];
  /** Cell ids (scenario/variant/metric) the first comparison flagged: regressed, or worse beyond the threshold but not significant (suspect). */
  readonly flagged: readonly string[];
  /** Flagged cells still regressed with the repeats pooled, and worse again in the confirmation repeats alone. */
  readonly confirmed: readonly string[];
  /** Flagged cells the confirmation round did not reproduce: reported as noise, not as regressions. */
  readonly noise: readonly string[];
  /** Flagged cells worse again but too few repeats to reach significance: neither a regression nor noise. */
  readonly inconclusive: readonly string[];
}

export type GateOutcome = 'pass' | 'regressed' | 'not comparable';

/** How the gate was configured for this run (--noise-threshold, --alpha, --correction, --confirm, --metrics). */
export interface GateSettings {
  /** The global noise threshold; per-cell thresholds (targets, measured noise) may raise it (see `comparison.cells[].noiseThreshold`). */
  readonly noiseThreshold: number;
  readonly alpha: number;
  readonly correction: 'holm' | 'bh';
  /** Repeats per flagged variant in the confirmation round; 0 turns the round off. */
  readonly confirmRepeats: number;
  /** The metric groups compared (null: all of them). */
  readonly metrics: readonly string[] | null;
  /** Whether the baseline's measured noise (calibrate-noise) set per-cell thresholds. */
  readonly measuredNoise: boolean;
}

export interface GateRecord {
  readonly baseline: {
    readonly name: string;
    /** The baseline file, relative to the working directory of the run. */
    readonly file: string;
    readonly runId: string;
    readonly createdAt: string;
    readonly gitCommit: string | null;
  };
  readonly settings: GateSettings;
  /** Environment, scenario and calibration-workload differences; not comparable means no verdict can fail the gate. */
  readonly comparability: Comparability;
  /** The fastest calibration samples (see analysis/calibration.ts); ratio = current / baseline (above 1: this machine ran faster). */
  readonly calibration: { readonly baselineOpsPerSec: number; readonly currentOpsPerSec: number; readonly ratio: number };
  /** The final comparison (after the confirmation round, if one ran). */
  readonly comparison: Comparison;
  /** Null when the first comparison flagged nothing, or the round was turned off (then `confirmationSkipped` says why). */
  readonly confirmation: GateConfirmation | null;
  readonly confirmationSkipped: string | null;
  /** From the baseline's noise calibration (null when `calibrate-noise` has not been run for it). */
  readonly falseAlarm: FalseAlarmEstimate | null;
  readonly outcome: GateOutcome;
}
