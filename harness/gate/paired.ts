/**
 * The paired comparison of an --against run: side A (the ref) and side B
 * (the working tree) ran the same jobs alternately, so each pair (one job of
 * each side, back to back) saw the same machine; drift hits both and cancels
 * in the pair's ratio.
 *
 * Per cell (variant x metric):
 * - dᵢ = log(Bᵢ / Aᵢ), signed so that positive is worse (for a rate, log(Aᵢ / Bᵢ));
 * - the Hodges-Lehmann estimate of the shift and its exact interval
 *   (stats/signed-rank.ts) at confidence 1 - alpha / cells: Bonferroni over
 *   the family, so the chance that any interval of the run misses its true
 *   shift is at most alpha;
 * - the decision against the threshold t, symmetric on a log scale
 *   (T = log(1 + t): "5 % slower" and "5 % faster" are the same distance):
 *   worse if the whole interval is above T, better if below -T, same if it
 *   lies inside [-T, T], else undecided (more pairs would tell).
 * - the Wilcoxon signed-rank p of the same differences, Holm-adjusted over
 *   the cells, is shown beside it; the decision does not use it.
 *
 * Pure: records in, record out.
 */
import type { JobResult, RunResults } from '../core/results.ts';
import { holm } from '../stats/multiple-testing.ts';
import { median } from '../stats/descriptive.ts';
import { hodgesLehmann, pairsForSignificance, signedRankTest } from '../stats/signed-rank.ts';
import { cellsInGroups, type CellCatalogue, type CellMetricInfo } from './cells.ts';
import type { PairedCell, PairedDecision, PairedOutcome } from './paired-records.ts';

export interface PairedSettings {
  /** Smallest change that counts (0.05 = 5 %). */
  readonly threshold: number;
  readonly alpha: number;
  /** The catalogue's --metrics groups to compare. */
  readonly metrics: readonly string[];
}

/** The metric groups an --against run compares unless --metrics says otherwise. */
export const DEFAULT_PAIRED_METRICS = ['throughput', 'cpu'] as const;

interface RawCell {
  readonly variant: string;
  readonly info: CellMetricInfo;
  readonly pairs: { pair: number; a: number; b: number }[];
}

function isMeasured(result: JobResult): result is JobResult & { readonly measure: unknown; readonly side: 'A' | 'B' } {
  return result.status === 'ok' && result.measure !== null && !result.reference && !result.profile && result.side !== undefined;
}

/** Each (variant, metric) of the selected groups with its complete pairs (both sides ok and recorded, values > 0). */
function rawCells(results: RunResults, catalogue: CellCatalogue, metrics: readonly string[]): RawCell[] {
  const bySide = new Map<string, { A?: unknown; B?: unknown }>();
  const variants: string[] = [];
  for (const result of results.results) {
    if (!isMeasured(result)) continue;
    if (!variants.includes(result.variant)) variants.push(result.variant);
    const key = `${result.variant}#${result.repeat}`;
    bySide.set(key, { ...bySide.get(key), [result.side]: result.measure });
  }
  const infos = cellsInGroups(
    catalogue.metrics.map((info) => ({ scenario: results.scenario.name, variant: '', metric: info.id, info })),
    metrics,
    catalogue,
  ).map((cell) => cell.info);
  const cells: RawCell[] = [];
  for (const variant of variants) {
    for (const info of infos) {
      const pairs: RawCell['pairs'] = [];
      for (const [key, sides] of bySide) {
        const [name, repeat] = key.split('#');
        if (name !== variant || sides.A === undefined || sides.B === undefined) continue;
        const a = info.sample(sides.A);
        const b = info.sample(sides.B);
        if (a !== null && b !== null && a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b)) pairs.push({ pair: Number(repeat), a, b });
      }
      pairs.sort((x, y) => x.pair - y.pair);
      if (pairs.length > 0) cells.push({ variant, info, pairs });
    }
  }
  return cells;
}

/** Positive = worse, on a log scale. */
function worseningOf(cell: RawCell): number[] {
  return cell.pairs.map(({ a, b }) => (cell.info.higherIsBetter ? Math.log(a / b) : Math.log(b / a)));
}

export function decide(lower: number, upper: number, limit: number): PairedDecision {
  if (lower > limit) return 'worse';
  if (upper < -limit) return 'better';
  if (lower >= -limit && upper <= limit) return 'same';
  return 'undecided';
}

/**
 * About how many pairs in all would decide an undecided cell, if the spread
 * of its differences stays as it is: an interval's half-width shrinks like
 * 1/sqrt(pairs), and it must shrink to the distance between the estimate and
 * the threshold it has to clear (or to fit inside).
 */
function pairsNeeded(pairs: number, estimate: number, lower: number, upper: number, limit: number, minimum: number): number | null {
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) return minimum;
  const halfWidth = (upper - lower) / 2;
  const room = Math.abs(Math.abs(estimate) - limit);
  if (room < limit * 0.02) return null;
  return Math.max(pairs + 1, Math.ceil(pairs * (halfWidth / room) ** 2));
}

/** The pairs the family needs before any interval can be bounded, plus two so the interval is not just the sample's range. */
export function minimumPairs(cells: number, alpha: number): number {
  return pairsForSignificance(alpha / Math.max(1, cells)) + 2;
}

export interface PairedAnalysis {
  readonly cells: readonly PairedCell[];
  readonly outcome: PairedOutcome;
}

export function analysePairs(results: RunResults, catalogue: CellCatalogue, settings: PairedSettings): PairedAnalysis {
  const raw = rawCells(results, catalogue, settings.metrics);
  const confidence = 1 - settings.alpha / Math.max(1, raw.length);
  const limit = Math.log1p(settings.threshold);
  const tests = raw.map((cell) => signedRankTest(worseningOf(cell)));
  const adjusted = holm(tests.map((t) => t.pValue));
  const minimum = minimumPairs(raw.length, settings.alpha);
  const cells = raw.map((cell, i): PairedCell => {
    const d = worseningOf(cell);
    const shift = hodgesLehmann(d, confidence);
    const decision = decide(shift.lower, shift.upper, limit);
    // Back to the metric's own direction: B / A.
    const toRatio = (worsening: number): number => Math.exp(cell.info.higherIsBetter ? -worsening : worsening);
    const bounded = Number.isFinite(shift.lower) && Number.isFinite(shift.upper);
    const [low, high] = cell.info.higherIsBetter ? [shift.upper, shift.lower] : [shift.lower, shift.upper];
    return {
      scenario: results.scenario.name,
      variant: cell.variant,
      metric: cell.info.id,
      label: cell.info.label,
      unit: cell.info.unit,
      higherIsBetter: cell.info.higherIsBetter,
      pairs: cell.pairs,
      medianA: median(cell.pairs.map((p) => p.a)),
      medianB: median(cell.pairs.map((p) => p.b)),
      ratio: toRatio(shift.estimate),
      lower: bounded ? toRatio(low) : null,
      upper: bounded ? toRatio(high) : null,
      coverage: shift.coverage,
      pValue: tests[i]!.pValue,
      adjustedPValue: adjusted[i]!,
      decision,
      pairsNeeded: decision === 'undecided' ? pairsNeeded(d.length, shift.estimate, shift.lower, shift.upper, limit, minimum) : null,
    };
  });
  const outcome: PairedOutcome = cells.some((c) => c.decision === 'worse')
    ? 'regressed'
    : cells.length === 0 || cells.some((c) => c.decision === 'undecided')
      ? 'undecided'
      : 'pass';
  return { cells, outcome };
}
