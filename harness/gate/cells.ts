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
import { OP_TYPES, type OpType } from '../plan/scenario.ts';
import { isTimedRepeat, type JobResult, type MeasureResult, type RunResults } from '../core/results.ts';

export type LatencyCellPercentile = 'p50' | 'p99';
export type CellMetric = 'throughput' | 'peakHeapBytes' | 'peakRssBytes' | 'gcPauseMs' | `${LatencyCellPercentile}:${OpType}`;

export type SpeedScaling = 'rate' | 'time' | 'none';

export interface CellMetricInfo {
  readonly id: CellMetric;
  /** For tables: "throughput", "p99 get", ... */
  readonly label: string;
  readonly unit: 'ops/s' | 'ns' | 'bytes' | 'ms';
  readonly higherIsBetter: boolean;
  readonly speed: SpeedScaling;
  /** This metric's value in one repeat; null when the repeat did not record it. */
  readonly sample: (measure: MeasureResult) => number | null;
  /** Latency cells: the percentile (0..100) of which op type each sample is, to judge how many timed ops support it. */
  readonly latency?: { readonly percentile: number; readonly op: OpType };
}

const LATENCY_PERCENTILES: readonly LatencyCellPercentile[] = ['p50', 'p99'];

function latencyMetric(percentile: LatencyCellPercentile, op: OpType): CellMetricInfo {
  const field = percentile === 'p50' ? 'p50Ns' : 'p99Ns';
  return {
    id: `${percentile}:${op}`,
    label: `${percentile} ${op}`,
    unit: 'ns',
    higherIsBetter: false,
    speed: 'time',
    sample: (measure) => measure.opTypes[op]?.latency?.[field] ?? null,
    latency: { percentile: percentile === 'p50' ? 50 : 99, op },
  };
}

/** Every cell metric, in the order tables list them. */
export const CELL_METRICS: readonly CellMetricInfo[] = [
  {
    id: 'throughput',
    label: 'throughput',
    unit: 'ops/s',
    higherIsBetter: true,
    speed: 'rate',
    sample: (measure) => measure.throughputOpsPerSec,
  },
  ...LATENCY_PERCENTILES.flatMap((percentile) => OP_TYPES.map((op) => latencyMetric(percentile, op))),
  {
    id: 'peakHeapBytes',
    label: 'peak heap',
    unit: 'bytes',
    higherIsBetter: false,
    speed: 'none',
    sample: (measure) => measure.memory.peakHeapUsedBytes,
  },
  {
    id: 'peakRssBytes',
    label: 'peak RSS',
    unit: 'bytes',
    higherIsBetter: false,
    speed: 'none',
    sample: (measure) => measure.memory.peakRssBytes,
  },
  {
    id: 'gcPauseMs',
    label: 'GC pause total',
    unit: 'ms',
    higherIsBetter: false,
    // Pause time is CPU time spent collecting: a faster machine collects faster.
    speed: 'time',
    sample: (measure) => measure.gc.totalPauseMs,
  },
];

/**
 * A value measured on a machine `ratio` times as fast as the baseline's,
 * expressed at the baseline machine's speed: rates divided, durations
 * multiplied, memory untouched.
 */
export function atBaselineSpeed(value: number, speed: SpeedScaling, ratio: number): number {
  return speed === 'rate' ? value / ratio : speed === 'time' ? value * ratio : value;
}

const BY_ID: ReadonlyMap<string, CellMetricInfo> = new Map(CELL_METRICS.map((info) => [info.id, info]));

export function cellMetricInfo(id: string): CellMetricInfo | undefined {
  return BY_ID.get(id);
}

export interface CellKey {
  readonly scenario: string;
  readonly variant: string;
  readonly metric: string;
}

/** Raw samples of one cell, one per ok repeat in repeat order. */
export interface SampleCell extends CellKey {
  readonly samples: readonly number[];
}

/** "scenario/variant/metric": the identity of a cell across runs. */
export function cellId(cell: CellKey): string {
  return `${cell.scenario}/${cell.variant}/${cell.metric}`;
}

function isOk(result: JobResult): result is JobResult & { readonly measure: MeasureResult } {
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
export function cellsFromResults(results: RunResults, which: RepeatSelection = 'all'): SampleCell[] {
  const scenario = results.scenario.name;
  const byVariant = new Map<string, { repeat: number; measure: MeasureResult }[]>();
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
    for (const info of CELL_METRICS) {
      const samples = repeats.flatMap(({ measure }) => {
        const value = info.sample(measure);
        return value === null || !Number.isFinite(value) ? [] : [value];
      });
      if (samples.length > 0) cells.push({ scenario, variant, metric: info.id, samples });
    }
  }
  return cells;
}

/**
 * Metric groups for --metrics: a gate can be limited to the cells that
 * matter (fewer cells, a smaller multiple-testing family, fewer repeats
 * needed). Each group names the metric ids it covers.
 */
export const METRIC_GROUPS: Readonly<Record<string, (metric: string) => boolean>> = {
  throughput: (metric) => metric === 'throughput',
  p50: (metric) => metric.startsWith('p50:'),
  p99: (metric) => metric.startsWith('p99:'),
  heap: (metric) => metric === 'peakHeapBytes',
  rss: (metric) => metric === 'peakRssBytes',
  gc: (metric) => metric === 'gcPauseMs',
};

/** Cells whose metric is in one of `groups` (null: every cell). */
export function cellsInGroups<T extends CellKey>(cells: readonly T[], groups: readonly string[] | null): T[] {
  if (groups === null) return [...cells];
  const tests = groups.map((group) => {
    const test = METRIC_GROUPS[group];
    if (test === undefined) throw new RangeError(`unknown metric group '${group}'; known: ${Object.keys(METRIC_GROUPS).join(', ')}`);
    return test;
  });
  return cells.filter((cell) => tests.some((test) => test(cell.metric)));
}
