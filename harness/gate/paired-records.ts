/**
 * What results.json records of an --against run's paired comparison
 * (RunResults.paired): the two sides, the settings, and per cell the pairs,
 * the estimate with its interval and the decision. Plain data, built by
 * gate/paired.ts and read by the report; like records.ts it sits below the
 * code that computes it, so core/results.ts can name it.
 */
import type { CellKey } from './records.ts';

/** Where side A's jobs write their artifacts (profiles), relative to the run folder, so the sides' files never collide. */
export const SIDE_A_FOLDER = 'side-A';

/** One side of the comparison. */
export interface SideRecord {
  /** 'A' (the ref) or 'B' (the working tree). */
  readonly side: 'A' | 'B';
  /** What the user typed for A (--against REF); 'working tree' for B. */
  readonly label: string;
  readonly commit: string;
  /** B only: the working tree had uncommitted changes to tracked files. */
  readonly dirty: boolean;
}

/**
 * - worse: the whole interval lies beyond the threshold on the worse side
 *   (a regression of at least the threshold, at the stated confidence);
 * - better: likewise on the better side;
 * - same: the whole interval lies inside ±threshold (any change is smaller
 *   than the threshold);
 * - undecided: the interval straddles a threshold: more pairs are needed.
 */
export type PairedDecision = 'worse' | 'better' | 'same' | 'undecided';

export interface PairedCell extends CellKey {
  readonly label: string;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  /** Per pair, in pair order: side A's and side B's value (only pairs where both sides recorded it). */
  readonly pairs: readonly { readonly pair: number; readonly a: number; readonly b: number }[];
  readonly medianA: number;
  readonly medianB: number;
  /**
   * B / A as the Hodges-Lehmann estimate of the paired log ratios, and its
   * interval, in the metric's own direction (throughput 0.9 = B does 10 %
   * fewer ops/s than A). Null bounds: too few pairs for any interval.
   */
  readonly ratio: number;
  readonly lower: number | null;
  readonly upper: number | null;
  /** The exact coverage of the interval (at least the family's per-cell confidence). */
  readonly coverage: number;
  /** Wilcoxon signed-rank two-sided p of the log ratios, and Holm-adjusted over the cells. */
  readonly pValue: number;
  readonly adjustedPValue: number;
  readonly decision: PairedDecision;
  /** Undecided cells: about how many pairs in all would decide it if the spread stays as it is (null: hopeless, the estimate sits on a threshold). */
  readonly pairsNeeded: number | null;
}

export type PairedOutcome = 'pass' | 'regressed' | 'undecided';

export interface PairedRecord {
  readonly sides: readonly [SideRecord, SideRecord];
  /** The smallest change that counts, as a fraction (0.05 = 5 %), symmetric on a log scale: 1/(1+t) .. 1+t. */
  readonly threshold: number;
  /** Family-wise error over the cells: each interval is at confidence 1 - alpha / cells (Bonferroni). */
  readonly alpha: number;
  readonly metrics: readonly string[];
  readonly pairs: number;
  /** --budget in seconds, null when the pair count was fixed. */
  readonly budgetSeconds: number | null;
  /** Why the run stopped adding pairs. */
  readonly stoppedBecause: 'fixed pairs' | 'all cells decided' | 'a cell is worse' | 'budget spent' | 'interrupted' | 'pair limit';
  readonly cells: readonly PairedCell[];
  readonly outcome: PairedOutcome;
}
