/**
 * The storage subject's gate cells: the metrics a baseline keeps of each
 * timed repeat (throughput, CPU time per op, p50 and p99 per op type, peak heap and RSS, GC
 * pause), how each moves with machine speed, and the --metrics groups.
 */
import type { CellCatalogue, CellMetricInfo } from '../../gate/cells.ts';
import type { MeasureResult } from './measure.ts';
import { OP_TYPES, type OpType } from './scenario.ts';

export type LatencyCellPercentile = 'p50' | 'p99';
export type StorageCellMetric = 'throughput' | 'cpu' | 'peakHeapBytes' | 'peakRssBytes' | 'gcPauseMs' | `${LatencyCellPercentile}:${OpType}`;

const LATENCY_PERCENTILES: readonly LatencyCellPercentile[] = ['p50', 'p99'];

function latencyMetric(percentile: LatencyCellPercentile, op: OpType): CellMetricInfo<MeasureResult> {
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
const STORAGE_CELL_METRICS: readonly CellMetricInfo<MeasureResult>[] = [
  {
    id: 'throughput',
    label: 'throughput',
    unit: 'ops/s',
    higherIsBetter: true,
    speed: 'rate',
    sample: (measure) => measure.throughputOpsPerSec,
  },
  {
    // CPU time per op of the measured phase (every thread of the job's process):
    // it does not grow while another process holds the CPU, so it is far steadier
    // than wall time on a shared machine, but it cannot see waits (fsync).
    id: 'cpu',
    label: 'CPU time per op',
    unit: 'ns',
    higherIsBetter: false,
    speed: 'time',
    sample: (measure) => measure.cpu?.perOpNs ?? null,
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
 * Metric groups for --metrics: a gate can be limited to the cells that
 * matter (fewer cells, a smaller multiple-testing family, fewer repeats
 * needed). Each group names the metric ids it covers.
 */
const STORAGE_METRIC_GROUPS: Readonly<Record<string, (metric: string) => boolean>> = {
  throughput: (metric) => metric === 'throughput',
  cpu: (metric) => metric === 'cpu',
  p50: (metric) => metric.startsWith('p50:'),
  p99: (metric) => metric.startsWith('p99:'),
  heap: (metric) => metric === 'peakHeapBytes',
  rss: (metric) => metric === 'peakRssBytes',
  gc: (metric) => metric === 'gcPauseMs',
};

export const STORAGE_CELLS: CellCatalogue<MeasureResult> = { metrics: STORAGE_CELL_METRICS, groups: STORAGE_METRIC_GROUPS };
