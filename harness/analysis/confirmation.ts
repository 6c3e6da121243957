/**
 * The gate's confirmation round, as pure functions: which cells to re-run
 * after the first comparison, and the verdicts once their repeats are in.
 *
 * Flagged: every cell that regressed, and every suspect cell (worse beyond
 * its noise threshold but not significant, usually because the sample is
 * too small for the family: see compare.ts). Their variants are re-run.
 *
 * A regression is confirmed only when both hold:
 * - pooled: the first repeats and the confirmation repeats together, against
 *   the baseline, are a regression by compareCells' rule (significant after
 *   correction over the whole family, and beyond the threshold): pooling
 *   gives the rank test the samples a 3-repeat run lacks;
 * - reproduced: the confirmation repeats alone are worse than the baseline
 *   beyond the threshold, so one bad stretch of the machine during the
 *   first repeats cannot carry the pooled result by itself.
 * A flagged cell failing either is reported as noise (not reproduced).
 */
import { formatRatio } from '../report/format.ts';
import { cellId, type SampleCell } from './cell-metrics.ts';
import { compareCells, overrideVerdicts, type CellComparison, type CompareOptions, type Comparison } from './compare.ts';

export interface Flagged {
  /** Cell ids to confirm. */
  readonly cells: readonly string[];
  /** Their variants, in the order the comparison lists them. */
  readonly variants: readonly string[];
}

export function flaggedCells(comparison: Comparison): Flagged {
  const flagged = comparison.cells.filter((cell) => cell.verdict === 'regressed' || cell.suspect);
  return { cells: flagged.map(cellId), variants: [...new Set(flagged.map((cell) => cell.variant))] };
}

/** Each cell's samples followed by the same cell's confirmation samples (cells only in one list keep theirs). */
export function poolCells(first: readonly SampleCell[], more: readonly SampleCell[]): SampleCell[] {
  const extra = new Map(more.map((cell) => [cellId(cell), cell.samples]));
  const pooled = first.map((cell) => ({ ...cell, samples: [...cell.samples, ...(extra.get(cellId(cell)) ?? [])] }));
  const known = new Set(first.map(cellId));
  for (const cell of more) if (!known.has(cellId(cell))) pooled.push({ ...cell, samples: [...cell.samples] });
  return pooled;
}

export interface ConfirmedComparison {
  readonly comparison: Comparison;
  /** Cells regressed pooled and reproduced alone. */
  readonly confirmed: readonly string[];
  /** Flagged cells that did not hold up. */
  readonly noise: readonly string[];
}

/**
 * The final verdicts: `first` and `confirmation` are the current run's cells
 * from its first repeats and from the confirmation round (only the re-run
 * variants); options as for the first comparison.
 */
export function confirmRegressions(
  first: readonly SampleCell[],
  confirmation: readonly SampleCell[],
  baseline: readonly SampleCell[],
  flagged: Flagged,
  options: CompareOptions,
): ConfirmedComparison {
  const pooled = compareCells(poolCells(first, confirmation), baseline, options);
  const alone = compareCells(confirmation, baseline, options);
  const aloneById = new Map(alone.cells.map((cell) => [cellId(cell), cell]));
  const flaggedIds = new Set(flagged.cells);
  const confirmed: string[] = [];
  const noise: string[] = [];

  const final = overrideVerdicts(pooled, (cell: CellComparison) => {
    const id = cellId(cell);
    if (cell.verdict === 'regressed') {
      const again = aloneById.get(id);
      if (again !== undefined && again.effect === 'worse') {
        confirmed.push(id);
        return { verdict: 'regressed', suspect: false, reason: `${cell.reason}; reproduced in the confirmation round (${again.currentSamples.length} repeats alone: ${formatRatio(again.ratio)} the baseline)` };
      }
      if (flaggedIds.has(id)) noise.push(id);
      const alone = again === undefined || again.ratio === null ? 'no confirmation samples' : `${formatRatio(again.ratio)} the baseline, within the ±${Math.round(cell.noiseThreshold * 100)}% threshold`;
      return { verdict: 'unchanged', suspect: false, reason: `noise: not reproduced in the confirmation round (repeats alone: ${alone}); pooled: ${cell.reason}` };
    }
    if (flaggedIds.has(id)) {
      noise.push(id);
      return { verdict: cell.verdict, suspect: false, reason: `noise: flagged, then not a regression with the confirmation repeats pooled (${cell.reason})` };
    }
    return null;
  });
  return { comparison: final, confirmed, noise };
}
