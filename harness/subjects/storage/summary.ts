/**
 * What analysis derives from a RunResults: one VariantSummary per variant
 * (across its repeats) and the harness's own overhead. Pure data; computed
 * by `summarize.ts`, rendered by harness/report/.
 */
import type { OpType } from '../../plan/scenario.ts';
import type { GcKindName } from '../../instruments/gc-kinds.ts';
import type { JobStatus, MemorySample, StoredArtifact, TimelinePoint } from '../../core/results.ts';
import type { SelfTimeRow } from '../../profile/cpu-profile-analysis.ts';
import type { AllocationSiteRow } from '../../profile/heap-profile-analysis.ts';

export interface Interval {
  readonly low: number;
  readonly high: number;
  /** e.g. 0.95 */
  readonly confidence: number;
}

/** A statistic across repeats. `interval` is a bootstrap CI of the median; null with fewer than 2 samples. */
export interface Estimate {
  readonly n: number;
  readonly median: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Coefficient of variation: sample standard deviation / mean (0 for n < 2). */
  readonly cv: number;
  readonly interval: Interval | null;
}

export interface PercentilePoint {
  /** 0..100 */
  readonly percentile: number;
  readonly valueNs: number;
}

/** Latency of one op type, from the histograms of all ok repeats merged. */
export interface OpLatency {
  readonly samples: number;
  readonly p50Ns: number;
  readonly p90Ns: number;
  readonly p99Ns: number;
  readonly p999Ns: number;
  readonly maxNs: number;
  /** Mean of the merged histogram (bucket-midpoint values), rounded to whole ns; as in LatencySummary.meanNs. */
  readonly meanNs: number;
  /** For the percentile-curve chart: 0, 50, 75, 90, 95, 99, 99.9, 99.99, 100. */
  readonly curve: readonly PercentilePoint[];
}

export interface Speedup {
  /** The variant every other is compared with (naive). */
  readonly baseline: string;
  /** median(this variant's throughput) / median(baseline's). */
  readonly ratio: number;
  readonly interval: Interval | null;
}

export interface FailedJob {
  readonly repeat: number;
  readonly status: JobStatus;
  readonly phase: string;
  readonly message: string;
}

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

/** Medians across ok timed repeats. */
export interface RuntimeSummary {
  readonly gcByKind: Readonly<Record<GcKindName, { readonly count: number; readonly totalPauseMs: number; readonly longestPauseMs: number }>>;
  /** False when a repeat's GC entries could not be proven all counted (GcResult.complete): the GC figures are then lower bounds. */
  readonly gcComplete: boolean;
  readonly eventLoopP50Ns: number | null;
  readonly eventLoopP99Ns: number | null;
  /** The largest across repeats. */
  readonly eventLoopMaxNs: number | null;
  /** The fewest event-loop delay samples of one repeat (what each repeat's p50/p99 rests on at worst); null without any. */
  readonly eventLoopSamples: number | null;
  readonly retainedBytesPerThousandOps: number | null;
  /** False when a repeat could not force GC: its growth then includes garbage. */
  readonly retainedGrowthForced: boolean;
  readonly bytesPerOp: number | null;
  /** How bytes per op were estimated ('gc-accounting' in timed repeats). */
  readonly allocationMethod: string;
}

/** What one profiled job produced. */
export interface VariantProfile {
  readonly variant: string;
  readonly kind: 'cpu' | 'heap' | 'doctor';
  readonly status: JobStatus;
  readonly error: string | null;
  /** Paths relative to the run folder. */
  readonly artifacts: readonly StoredArtifact[];
  readonly selfTime: readonly SelfTimeRow[] | null;
  readonly totalSampledMs: number | null;
  readonly allocationSites: readonly AllocationSiteRow[] | null;
  readonly totalSampledBytes: number | null;
  /** The profiled process's throughput, and its ratio to the variant's timed median (the profiler's cost). */
  readonly throughput: number | null;
  readonly throughputVsTimed: number | null;
  readonly bytesPerOp: number | null;
  readonly allocationMethod: string | null;
}

export interface RunSummary {
  readonly variants: readonly VariantSummary[];
  readonly profiles: readonly VariantProfile[];
  readonly baselineVariant: string | null;
  readonly overhead: HarnessOverhead | null;
}
