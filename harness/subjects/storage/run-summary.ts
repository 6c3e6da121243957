/**
 * What analysis derives from a RunResults: one VariantSummary per variant
 * (across its repeats) and the harness's own overhead. Pure data; computed
 * by `summarize.ts`, rendered by harness/report/.
 */
import type { FailedJob } from '../../core/failed-jobs.ts';
import type { MemorySample } from '../../core/results.ts';
import type { ReportModel } from '../../report/model.ts';
import type { Estimate, Speedup } from '../../stats/descriptive.ts';
import type { OpLatency } from '../../stats/latency.ts';
import type { RuntimeSummary, VariantProfile } from '../../stats/runtime.ts';
import type { MeasureResult, TimelinePoint } from './measure.ts';
import type { OpType } from './scenario.ts';

export interface VariantSummary {
  readonly variant: string;
  readonly okJobs: number;
  readonly failedJobs: readonly FailedJob[];
  /** Planned timed repeats without a result: the run was stopped before them. */
  readonly notRunJobs: number;
  /** ops/s across ok repeats; null when none succeeded. */
  readonly throughput: Estimate | null;
  readonly speedup: Speedup | null;
  readonly latency: Readonly<Partial<Record<OpType, OpLatency>>>;
  /** Op count per type summed over ok repeats. */
  readonly opCounts: Readonly<Partial<Record<OpType, number>>>;
  readonly achievedMix: Readonly<Partial<Record<OpType, number>>>;
  /** Maximum across ok repeats. */
  readonly peakHeapUsedBytes: number | null;
  readonly peakRssBytes: number | null;
  /** GC totals per repeat, summarised. */
  readonly gcPauseMs: Estimate | null;
  readonly gcCount: Estimate | null;
  /** Median across repeats; null when the variant does not count cache hits. */
  readonly hitRatio: number | null;
  /** Counter deltas over the measured phase, summed over ok repeats. */
  readonly counters: Readonly<Record<string, number>>;
  /** GC by kind, event loop, retained growth, bytes per op; null when no repeat succeeded. */
  readonly runtime: RuntimeSummary | null;
  readonly timelines: readonly { readonly repeat: number; readonly points: readonly TimelinePoint[] }[];
  readonly memory: readonly { readonly repeat: number; readonly samples: readonly MemorySample[] }[];
}

/** The no-op store's cost: what the harness itself adds to every op. */
export interface HarnessOverhead {
  readonly nsPerOp: number;
  readonly opsPerSec: number;
  /** The fastest real variant and its time per op, for scale. */
  readonly fastestVariant: string | null;
  readonly fastestNsPerOp: number | null;
  /** nsPerOp / fastestNsPerOp */
  readonly shareOfFastest: number | null;
  /** The no-op job's peak RSS: the process's own memory (Node, the harness, the trace), which no store adds. */
  readonly peakRssBytes: number | null;
}

export interface RunSummary {
  readonly variants: readonly VariantSummary[];
  readonly profiles: readonly VariantProfile[];
  readonly baselineVariant: string | null;
  readonly overhead: HarnessOverhead | null;
  /** How latency was sampled, as the ok repeats recorded it (one entry per distinct wording). */
  readonly latencySamplings: readonly string[];
  /** Median share of the measured phase spent in the closing flush, per variant with an ok repeat, in run order. */
  readonly flushShares: readonly { readonly variant: string; readonly share: number }[];
}

/** What the storage subject's report sections receive. */
export type StorageReportModel = ReportModel<RunSummary, MeasureResult>;
