/**
 * The runtime figures every timed repeat records (GC by kind, event-loop
 * delay, retained heap growth, bytes allocated per op), summarised per
 * variant, and what each profiled job found. Pure.
 */
import { GC_KIND_NAMES } from '../instruments/gc-kinds.ts';
import type { JobResult, RunResults, RuntimeFigures } from '../core/results.ts';
import { median } from './descriptive.ts';
import type { RuntimeSummary, VariantProfile, VariantSummary } from '../subjects/storage/summary.ts';

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

/** One entry per profiled job, in run order, with its throughput against the variant's timed median. */
export function summarizeProfiles(results: RunResults, variants: readonly VariantSummary[]): VariantProfile[] {
  const timedMedian = new Map(variants.map((v) => [v.variant, v.throughput?.median ?? null]));
  return results.results
    .filter((r): r is JobResult & { profile: NonNullable<JobResult['profile']> } => r.profile !== null)
    .map((r) => {
      const throughput = r.status === 'ok' && r.measure ? r.measure.throughputOpsPerSec : null;
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
        bytesPerOp: r.measure?.allocation.bytesPerOp ?? null,
        allocationMethod: r.measure?.allocation.method ?? null,
      };
    });
}

