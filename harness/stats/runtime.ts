/**
 * The runtime figures every timed repeat records (GC by kind, event-loop
 * delay, retained heap growth, bytes allocated per op), summarised per
 * variant, and what each profiled job found. Pure.
 */
import { GC_KIND_NAMES } from '../instruments/gc-kinds.ts';
import type { JobResult, JobStatus, RunResults, RuntimeFigures, StoredArtifact } from '../core/results.ts';
import type { GcKindName } from '../instruments/gc-kinds.ts';
import type { SelfTimeRow } from '../profile/cpu-profile-analysis.ts';
import type { AllocationSiteRow } from '../profile/heap-profile-analysis.ts';
import { median } from './descriptive.ts';


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

function medianOrNull(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return present.length === 0 ? null : median(present);
}

/** Repeats without a sample have no percentiles to judge, so they are left out. */
function fewestEventLoopSamples(measures: readonly RuntimeFigures[]): number | null {
  const counts = measures.map((m) => m.eventLoopDelay.samples).filter((n) => n > 0);
  return counts.length === 0 ? null : Math.min(...counts);
}

/** Medians across the ok repeats' measures (the event loop's max is the max). */
export function summarizeRuntime(measures: readonly RuntimeFigures[]): RuntimeSummary | null {
  if (measures.length === 0) return null;
  const gcByKind = Object.fromEntries(
    GC_KIND_NAMES.map((kind) => [
      kind,
      {
        count: median(measures.map((m) => m.gc.byKind[kind].count)),
        totalPauseMs: median(measures.map((m) => m.gc.byKind[kind].totalPauseNs / 1e6)),
        longestPauseMs: Math.max(...measures.map((m) => m.gc.byKind[kind].longestPauseNs / 1e6)),
      },
    ]),
  ) as RuntimeSummary['gcByKind'];
  const maxes = measures.map((m) => m.eventLoopDelay.maxNs).filter((v): v is number => v !== null);
  const methods = [...new Set(measures.map((m) => m.allocation.method))];
  return {
    gcByKind,
    // Results from before the flag existed lost entries; absent reads as incomplete.
    gcComplete: measures.every((m) => m.gc.complete === true),
    eventLoopP50Ns: medianOrNull(measures.map((m) => m.eventLoopDelay.p50Ns)),
    eventLoopP99Ns: medianOrNull(measures.map((m) => m.eventLoopDelay.p99Ns)),
    eventLoopMaxNs: maxes.length === 0 ? null : Math.max(...maxes),
    eventLoopSamples: fewestEventLoopSamples(measures),
    retainedBytesPerThousandOps: medianOrNull(measures.map((m) => m.retainedGrowth.perThousandOpsBytes)),
    retainedGrowthForced: measures.every((m) => m.retainedGrowth.forced),
    bytesPerOp: medianOrNull(measures.map((m) => m.allocation.bytesPerOp)),
    allocationMethod: methods.join(', '),
  };
}

/** What summarizeProfiles reads of a profiled job's measure: its subject's rate (ops/s, rows/s) and runtime figures. */
export interface ProfiledFigures {
  readonly throughput: number | null;
  readonly runtime: RuntimeFigures;
}

/**
 * One entry per profiled job, in run order, with its throughput against the
 * variant's timed median (`timedMedian`, in the same unit): the profiler's cost.
 */
export function summarizeProfiles<M>(
  results: RunResults<M>,
  timedMedian: ReadonlyMap<string, number | null>,
  figuresOf: (measure: M) => ProfiledFigures,
): VariantProfile[] {
  return results.results
    // --against profiles side A too, for the paired section's comparison; the run's own tables are side B's.
    .filter((r): r is JobResult<M> & { profile: NonNullable<JobResult['profile']> } => r.profile !== null && r.side !== 'A')
    .map((r) => {
      const figures = r.measure === null ? null : figuresOf(r.measure);
      const throughput = r.status === 'ok' ? (figures?.throughput ?? null) : null;
      const timed = timedMedian.get(r.variant) ?? null;
      return {
        variant: r.variant,
        kind: r.profile.kind,
        status: r.status,
        error: r.error?.message ?? null,
        artifacts: r.findings?.artifacts ?? [],
        selfTime: r.findings?.selfTime ?? null,
        totalSampledMs: r.findings?.totalSampledMs ?? null,
        allocationSites: r.findings?.allocationSites ?? null,
        totalSampledBytes: r.findings?.totalSampledBytes ?? null,
        throughput,
        throughputVsTimed: throughput !== null && timed !== null && timed > 0 ? throughput / timed : null,
        bytesPerOp: figures?.runtime.allocation.bytesPerOp ?? null,
        allocationMethod: figures?.runtime.allocation.method ?? null,
      };
    });
}

