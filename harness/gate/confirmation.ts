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
import { cellId, type SampleCell } from './cells.ts';
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
  /**
   * Flagged cells worse again in the confirmation repeats alone, whose pooled
   * test cannot reach significance with these sample sizes: neither confirmed
   * nor noise; more repeats (baseline and gate) would decide them.
   */
  readonly inconclusive: readonly string[];
}

/** Whether a lone change in this cell could pass the family's correction at all (Holm's first step: p < alpha / m). */
function canReachSignificance(cell: CellComparison, comparison: Comparison): boolean {
  return cell.minimumPValue !== null && cell.minimumPValue * Math.max(1, comparison.familySize) < comparison.alpha;
}

/**
 * The final verdicts: `first` and `confirmation` are the current run's cells
 * from its first repeats and from the confirmation round (only the re-run
 * variants); options as for the first comparison. Only flagged cells can end
 * regressed: a cell the first round found within noise is not failed by one
 * slow stretch during the confirmation round.
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
  const inconclusive: string[] = [];

  const final = overrideVerdicts(pooled, (cell: CellComparison) => {
    const id = cellId(cell);
    const again = aloneById.get(id);
    const aloneRatio = again?.ratio ?? null;
    const pooledReason = cell.reason;
    if (!flaggedIds.has(id)) {
      if (cell.verdict !== 'regressed') return null;
      return { verdict: 'unchanged', suspect: true, reason: { code: 'not-flagged-first-round', pooled: pooledReason } };
    }
    const worseAgain = again !== undefined && again.effect === 'worse';
    if (cell.verdict === 'regressed' && worseAgain) {
      confirmed.push(id);
      return {
        verdict: 'regressed',
        suspect: false,
        reason: { code: 'confirmed', pooled: pooledReason, repeatsAlone: again.currentSamples.length, aloneRatio },
      };
    }
    if (cell.verdict !== 'regressed' && worseAgain && !canReachSignificance(cell, pooled)) {
      inconclusive.push(id);
      return {
        verdict: 'unchanged',
        suspect: true,
        reason: {
          code: 'inconclusive',
          pooled: pooledReason,
          aloneRatio,
          currentRepeats: cell.currentSamples.length,
          baselineRepeats: cell.baselineSamples.length,
          familySize: pooled.familySize,
          repeatsNeeded: pooled.repeatsNeeded,
        },
      };
    }
    noise.push(id);
    if (cell.verdict === 'regressed') {
      return {
        verdict: 'unchanged',
        suspect: false,
        reason: { code: 'noise-not-reproduced', pooled: pooledReason, aloneRatio, threshold: cell.noiseThreshold },
      };
    }
    return { verdict: cell.verdict, suspect: false, reason: { code: 'noise-pooled', pooled: pooledReason } };
  });
  return { comparison: final, confirmed, noise, inconclusive };
}
