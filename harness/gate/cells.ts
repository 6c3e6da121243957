/**
 * The metrics a baseline keeps and a comparison judges, one raw sample per
 * ok repeat: a "cell" is (scenario, variant, metric) with its samples.
 *
 * Samples are per repeat, never pooled inside a repeat: repeats are the
 * independent units (one process each), so they are what a two-sample test
 * may treat as exchangeable. Latency percentiles are each repeat's own
 * (from its HDR histogram), not the merged histogram of the summary.
 *
 * `speed` says how a metric moves with machine speed, for normalising by
 * the calibration workload (calibration.ts): a rate scales with speed, a
 * duration inversely, a memory figure not at all.
 */
import { isTimedRepeat, type JobResult, type RunResults } from '../core/results.ts';
import type { CellKey } from './records.ts';

export type { CellKey } from './records.ts';

export type SpeedScaling = 'rate' | 'time' | 'none';

/** One metric of a cell: how to read it from a job's measure, and how to judge and show it. */
export interface CellMetricInfo<M = unknown> {
  readonly id: string;
  /** For tables: "throughput", "p99 get", ... */
  readonly label: string;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  readonly speed: SpeedScaling;
  /**
   * This metric's value in one repeat; null when the repeat did not record
   * it. A method, so that a subject's catalogue (of its own measure type)
   * passes where the gate takes any catalogue (method parameters are bivariant).
   */
  sample(measure: M): number | null;
  /** Latency cells: the percentile (0..100) of which op type each sample is, to judge how many timed ops support it. */
  readonly latency?: { readonly percentile: number; readonly op: string };
}

/**
 * The metrics a subject's baselines keep (subject.gate.cells), in the order
 * tables list them, and the groups --metrics can select.
 */
export interface CellCatalogue<M = unknown> {
  readonly metrics: readonly CellMetricInfo<M>[];
  /** --metrics groups: each names the metric ids it covers. */
  readonly groups: Readonly<Record<string, (metric: string) => boolean>>;
}

export function cellMetricInfo<M>(catalogue: CellCatalogue<M>, id: string): CellMetricInfo<M> | undefined {
  return catalogue.metrics.find((info) => info.id === id);
}

/**
 * A value measured on a machine `ratio` times as fast as the baseline's,
 * expressed at the baseline machine's speed: rates divided, durations
 * multiplied, memory untouched.
 */
export function atBaselineSpeed(value: number, speed: SpeedScaling, ratio: number): number {
  return speed === 'rate' ? value / ratio : speed === 'time' ? value * ratio : value;
}


/** Raw samples of one cell, one per ok repeat in repeat order. */
export interface SampleCell extends CellKey {
  readonly samples: readonly number[];
}

/** "scenario/variant/metric": the identity of a cell across runs. */
export function cellId(cell: CellKey): string {
  return `${cell.scenario}/${cell.variant}/${cell.metric}`;
}

function isOk<M>(result: JobResult<M>): result is JobResult<M> & { readonly measure: M } {
  return result.status === 'ok' && result.measure !== null;
}

/** Which timed repeats to take: all, the run's own ('first'), or only the gate's confirmation round. */
export type RepeatSelection = 'all' | 'first' | 'confirmation';

/**
 * Every cell a run yields: for each real variant (reference and profiled jobs excluded)
 * and each metric some ok repeat recorded, the per-repeat values sorted by
 * repeat number (so resampling is independent of results.json's job order).
 * Variants in order of first appearance, metrics in CELL_METRICS order.
 */
export function cellsFromResults<M>(results: RunResults<M>, catalogue: CellCatalogue<M>, which: RepeatSelection = 'all'): SampleCell[] {
  const scenario = results.scenario.name;
  const byVariant = new Map<string, { repeat: number; measure: M }[]>();
  for (const result of results.results) {
    if (!isTimedRepeat(result) || !isOk(result)) continue;
    const confirmation = result.confirmation === true;
    if ((which === 'first' && confirmation) || (which === 'confirmation' && !confirmation)) continue;
    const repeats = byVariant.get(result.variant) ?? [];
    repeats.push({ repeat: result.repeat, measure: result.measure });
    byVariant.set(result.variant, repeats);
  }
  const cells: SampleCell[] = [];
  for (const [variant, repeats] of byVariant) {
    repeats.sort((a, b) => a.repeat - b.repeat);
    for (const info of catalogue.metrics) {
      const samples = repeats.flatMap(({ measure }) => {
        const value = info.sample(measure);
        return value === null || !Number.isFinite(value) ? [] : [value];
      });
      if (samples.length > 0) cells.push({ scenario, variant, metric: info.id, samples });
    }
  }
  return cells;
}

/** Cells whose metric is in one of `groups` (null: every cell). */
export function cellsInGroups<T extends CellKey>(cells: readonly T[], groups: readonly string[] | null, catalogue: CellCatalogue): T[] {
  if (groups === null) return [...cells];
  const tests = groups.map((group) => {
    const test = catalogue.groups[group];
    if (test === undefined) throw new RangeError(`unknown metric group '${group}'; known: ${Object.keys(catalogue.groups).join(', ')}`);
    return test;
  });
  return cells.filter((cell) => tests.some((test) => test(cell.metric)));
}
