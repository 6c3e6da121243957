/**
 * Performance targets as typed data: per scenario, per variant (or '*' for
 * every variant the run has), one bound on one metric. `defineTargets` only
 * types its argument; harness/analysis/targets.ts validates a set before
 * anything runs (so a typo in a scenario, variant, metric or field is an
 * error, never a target that silently checks nothing) and checks it against
 * a run's summary.
 *
 * Units are in the field names, as everywhere in the harness: `OpsPerSec`,
 * `Ns`, `Bytes`, `Ms`; `Times` is a plain ratio. Bounds are inclusive.
 */
import type { OpType } from '../harness/subjects/storage/scenario.ts';

/** '*' applies a target to every variant of the run (each checked on its own). */
export const ALL_VARIANTS = '*';

export type TargetPercentile = 'p50' | 'p90' | 'p99' | 'p999' | 'max';

/** The percentile a latency target checks when it names none. */
export const DEFAULT_TARGET_PERCENTILE: TargetPercentile = 'p99';

interface TargetBase {
  readonly scenario: string;
  /** A variant name, or '*' for every variant in the run. */
  readonly variant: string;
  /**
   * Relative change (0.05 = 5 %) a baseline comparison of this cell must
   * exceed before it can be a regression; overrides the gate's default.
   * Set it from measured noise (`bench calibrate-noise`), not by guess.
   */
  readonly noiseThreshold?: number;
  /** Where the number comes from (a requirement, a ticket), shown in reports. */
  readonly source?: string;
}

/** Median throughput across repeats >= the bound. */
export interface ThroughputTarget extends TargetBase {
  readonly metric: 'throughput';
  readonly atLeastOpsPerSec: number;
}

/** A latency percentile of one op type (from the merged HDR histogram of all repeats) <= the bound. */
export interface LatencyTarget extends TargetBase {
  readonly metric: 'latency';
  readonly op: OpType;
  /** Default 'p99'. */
  readonly percentile?: TargetPercentile;
  readonly atMostNs: number;
}

/** Peak V8 heap used (max across repeats) <= the bound. */
export interface PeakHeapTarget extends TargetBase {
  readonly metric: 'peakHeap';
  readonly atMostBytes: number;
}

/** Peak resident set size (max across repeats) <= the bound: the whole process, native memory included. */
export interface PeakRssTarget extends TargetBase {
  readonly metric: 'peakRss';
  readonly atMostBytes: number;
}

/**
 * Peak RSS above the no-op reference job's peak RSS in the same run (max
 * across repeats) <= the bound: the memory the store adds to the process
 * (SQLite's page cache, worker threads, caches), without the ~100 MiB that
 * Node, the harness and the op trace cost whatever the store.
 */
export interface StoreRssTarget extends TargetBase {
  readonly metric: 'storeRss';
  readonly atMostBytes: number;
}

/** Total GC pause per repeat (median across repeats) <= the bound. */
export interface GcPauseTarget extends TargetBase {
  readonly metric: 'gcPause';
  readonly atMostMs: number;
}

/** Cache hit ratio (median across repeats, 0..1) >= the bound. */
export interface HitRatioTarget extends TargetBase {
  readonly metric: 'hitRatio';
  readonly atLeast: number;
}

/** Median throughput >= atLeastTimes × the `over` variant's, in the same run. */
export interface SpeedupTarget extends TargetBase {
  readonly metric: 'speedup';
  readonly atLeastTimes: number;
  /** Default 'naive'. */
  readonly over?: string;
}

/** Peak heap per op (peak heap / ops per repeat) <= atMostTimes × the `over` variant's, in the same run. */
export interface HeapPerOpTarget extends TargetBase {
  readonly metric: 'heapPerOp';
  readonly atMostTimes: number;
  /** Default 'naive'. */
  readonly over?: string;
}

/**
 * Bytes allocated per op (median across repeats, from V8's GC accounting)
 * <= atMostTimes × the `over` variant's, in the same run: the garbage each
 * op leaves for the collector, which is what batching, statement caches and
 * read caches save.
 */
export interface AllocationPerOpTarget extends TargetBase {
  readonly metric: 'allocationPerOp';
  readonly atMostTimes: number;
  /** Default 'naive'. */
  readonly over?: string;
}

export type Target =
  | ThroughputTarget
  | LatencyTarget
  | PeakHeapTarget
  | PeakRssTarget
  | StoreRssTarget
  | GcPauseTarget
  | HitRatioTarget
  | SpeedupTarget
  | HeapPerOpTarget
  | AllocationPerOpTarget;

export type TargetMetric = Target['metric'];

export const TARGET_METRICS: readonly TargetMetric[] = [
  'throughput',
  'latency',
  'peakHeap',
  'peakRss',
  'storeRss',
  'gcPause',
  'hitRatio',
  'speedup',
  'heapPerOp',
  'allocationPerOp',
];

export interface TargetSet {
  readonly name: string;
  readonly description?: string;
  /**
   * Scenarios these targets are written for that do not exist yet. A target
   * naming one of them is reported as "no scenario" until it exists; any
   * other unknown scenario name is an error (a typo must not pass silently).
   */
  readonly plannedScenarios?: readonly string[];
  readonly targets: readonly Target[];
}

export function defineTargets<const T extends TargetSet>(set: T): T {
  return set;
}
