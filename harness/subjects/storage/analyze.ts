/**
 * StorageRunResults -> RunSummary: one VariantSummary per variant across its
 * repeats, the speedup of each over the baseline, and the harness's own
 * overhead measured by the reference (no-op store) jobs.
 *
 * Pure and deterministic: every bootstrap uses the same fixed seed, so a
 * report re-rendered from the same results.json shows the same numbers.
 */
import { OP_TYPES, type OpType } from './scenario.ts';
import { isRunRepeat } from '../../core/results.ts';
import type { StorageJobResult, StorageRunResults } from './measure.ts';
import { type MeasureResult } from './measure.ts';
import { runCompleteness } from '../../core/completeness.ts';
import { mergeHistograms } from '../../stats/latency.ts';
import { summarizeProfiles, summarizeRuntime } from '../../stats/runtime.ts';
import { DEFAULT_BOOTSTRAP_SEED, bootstrapRatioInterval, estimate, median, type BootstrapOptions } from '../../stats/descriptive.ts';
import type { HarnessOverhead, RunSummary, VariantSummary } from './run-summary.ts';
import { failedJob, variantOrder, type FailedJob } from '../../core/failed-jobs.ts';
import type { OpLatency } from '../../stats/latency.ts';
import type { Speedup } from '../../stats/descriptive.ts';

/** The variant every other is compared with unless the caller names another. */
export const DEFAULT_BASELINE_VARIANT = 'naive';

export interface SummarizeOptions {
  /** Defaults to 'naive' when the run has it; otherwise no speedups are computed. */
  readonly baselineVariant?: string;
  /** Bootstrap seed; defaults to DEFAULT_BOOTSTRAP_SEED. */
  readonly seed?: number;
}

interface OkRepeat {
  readonly variant: string;
  readonly repeat: number;
  readonly measure: MeasureResult;
}

function isOk(result: StorageJobResult): result is StorageJobResult & { readonly measure: MeasureResult } {
  return result.status === 'ok' && result.measure !== null;
}

/**
 * Ok repeats sorted by repeat number: the bootstrap maps PRNG draws to sample
 * positions, so a fixed order keeps the intervals independent of the order in
 * which results.json happened to list the jobs.
 */
function okRepeats(jobs: readonly StorageJobResult[]): OkRepeat[] {
  return jobs.filter(isOk).map((job) => ({ variant: job.variant, repeat: job.repeat, measure: job.measure })).sort((a, b) => a.repeat - b.repeat);
}

function sumOpCounts(repeats: readonly OkRepeat[]): Partial<Record<OpType, number>> {
  const counts: Partial<Record<OpType, number>> = {};
  for (const op of OP_TYPES) {
    let total = 0;
    let present = false;
    for (const { measure } of repeats) {
      const result = measure.opTypes[op];
      if (result !== undefined) {
        total += result.count;
        present = true;
      }
    }
    if (present) counts[op] = total;
  }
  return counts;
}

function mixOf(counts: Partial<Record<OpType, number>>): Partial<Record<OpType, number>> {
  let total = 0;
  for (const op of OP_TYPES) total += counts[op] ?? 0;
  const mix: Partial<Record<OpType, number>> = {};
  if (total === 0) return mix;
  for (const op of OP_TYPES) {
    const count = counts[op];
    if (count !== undefined) mix[op] = count / total;
  }
  return mix;
}

function mergeLatency(repeats: readonly OkRepeat[]): Partial<Record<OpType, OpLatency>> {
  const latency: Partial<Record<OpType, OpLatency>> = {};
  for (const op of OP_TYPES) {
    const encoded: string[] = [];
    for (const { measure } of repeats) {
      const summary = measure.opTypes[op]?.latency;
      if (summary) encoded.push(summary.histogram);
    }
    const merged = mergeHistograms(encoded);
    if (merged !== null) latency[op] = merged;
  }
  return latency;
}

function sumCounters(repeats: readonly OkRepeat[]): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const { measure } of repeats) {
    for (const [name, value] of Object.entries(measure.counters)) counters[name] = (counters[name] ?? 0) + value;
  }
  return counters;
}

function maxOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

function summarizeVariant(variant: string, jobs: readonly StorageJobResult[], notRunJobs: number, bootstrap: BootstrapOptions): VariantSummary {
  const ok = okRepeats(jobs);
  const failed = jobs.filter((job) => !isOk(job)).map(failedJob).sort((a, b) => a.repeat - b.repeat);

  const measures = ok.map((r) => r.measure);
  const estimateOf = (values: number[]) => (values.length === 0 ? null : estimate(values, bootstrap));
  const hitRatios = measures.flatMap((m) => (m.hitRatio === null ? [] : [m.hitRatio]));
  const opCounts = sumOpCounts(ok);

  return {
    variant,
    okJobs: ok.length,
    failedJobs: failed,
    notRunJobs,
    throughput: estimateOf(measures.map((m) => m.throughputOpsPerSec)),
    speedup: null, // filled in once every variant's throughput is known
    latency: mergeLatency(ok),
    opCounts,
    achievedMix: mixOf(opCounts),
    peakHeapUsedBytes: maxOrNull(measures.map((m) => m.memory.peakHeapUsedBytes)),
    peakRssBytes: maxOrNull(measures.map((m) => m.memory.peakRssBytes)),
    gcPauseMs: estimateOf(measures.map((m) => m.gc.totalPauseMs)),
    gcCount: estimateOf(measures.map((m) => m.gc.count)),
    hitRatio: hitRatios.length === 0 ? null : median(hitRatios),
    counters: sumCounters(ok),
    runtime: summarizeRuntime(measures),
    timelines: ok.map((r) => ({ repeat: r.repeat, points: r.measure.timeline })),
    memory: ok.map((r) => ({ repeat: r.repeat, samples: r.measure.memory.samples })),
  };
}

function throughputs(jobs: readonly StorageJobResult[]): number[] {
  return okRepeats(jobs).map((r) => r.measure.throughputOpsPerSec);
}

/**
 * Speedup = median(variant throughput) / median(baseline throughput), with a
 * two-sample bootstrap interval. The baseline itself gets ratio 1 and no
 * interval (comparing it with itself says nothing). Null when either side has
 * no ok repeat or the baseline's throughput is not positive.
 */
function speedupOf(
  variant: string,
  samples: readonly number[],
  baseline: string,
  baselineSamples: readonly number[],
  bootstrap: BootstrapOptions,
): Speedup | null {
  if (samples.length === 0 || baselineSamples.length === 0) return null;
  if (baselineSamples.some((x) => x <= 0)) return null;
  if (variant === baseline) return { baseline, ratio: 1, interval: null };
  const { ratio, interval } = bootstrapRatioInterval(samples, baselineSamples, bootstrap);
  return { baseline, ratio, interval };
}

/**
 * What the harness costs per op: the reference jobs drive a no-op store
 * through the same driver, so 1e9 / their median throughput is the
 * per-op cost of the sequencer, the await-only-thenables dispatch and the
 * sampled latency clock. Compared with the fastest real variant so a reader
 * sees whether the overhead matters (a share near 1 means the harness, not
 * the variant, is being measured).
 */
function overheadOf(reference: readonly StorageJobResult[], variants: readonly VariantSummary[]): HarnessOverhead | null {
  const samples = throughputs(reference);
  if (samples.length === 0) return null;
  const opsPerSec = median(samples);
  if (!(opsPerSec > 0)) return null;
  const nsPerOp = 1e9 / opsPerSec;

  let fastest: VariantSummary | null = null;
  for (const summary of variants) {
    const t = summary.throughput;
    // Strict '>' keeps the first variant in run order on ties.
    if (t !== null && t.median > 0 && (fastest === null || t.median > fastest.throughput!.median)) fastest = summary;
  }
  const fastestNsPerOp = fastest === null ? null : 1e9 / fastest.throughput!.median;
  return {
    nsPerOp,
    opsPerSec,
    fastestVariant: fastest?.variant ?? null,
    fastestNsPerOp,
    shareOfFastest: fastestNsPerOp === null ? null : nsPerOp / fastestNsPerOp,
    peakRssBytes: reference.reduce<number | null>((peak, job) => {
      const rss = job.status === 'ok' ? job.measure?.memory.peakRssBytes : undefined;
      return rss === undefined ? peak : Math.max(peak ?? 0, rss);
    }, null),
  };
}

export function summarize(results: StorageRunResults, options?: SummarizeOptions): RunSummary {
  const bootstrap: BootstrapOptions = { seed: options?.seed ?? DEFAULT_BOOTSTRAP_SEED };
  const names = variantOrder(results);

  if (options?.baselineVariant !== undefined && !names.includes(options.baselineVariant)) {
    throw new RangeError(
      `summarize: baseline variant "${options.baselineVariant}" is not in this run; ` +
        `choose one of: ${names.length === 0 ? '(none)' : names.join(', ')}`,
    );
  }
  const baselineVariant =
    options?.baselineVariant ?? (names.includes(DEFAULT_BASELINE_VARIANT) ? DEFAULT_BASELINE_VARIANT : null);

  const jobsOf = (variant: string) => results.results.filter((r) => isRunRepeat(r) && r.variant === variant);
  const baselineSamples = baselineVariant === null ? [] : throughputs(jobsOf(baselineVariant));

  const { missingRepeats } = runCompleteness(results);
  const variants = names.map((variant) => {
    const jobs = jobsOf(variant);
    const summary = summarizeVariant(variant, jobs, missingRepeats[variant] ?? 0, bootstrap);
    const speedup =
      baselineVariant === null
        ? null
        : speedupOf(variant, throughputs(jobs), baselineVariant, baselineSamples, bootstrap);
    return { ...summary, speedup };
  });

  const measured = okRepeats(results.results.filter(isRunRepeat));
  return {
    variants,
    profiles: summarizeProfiles(
      results,
      new Map(variants.map((v) => [v.variant, v.throughput?.median ?? null])),
      (measure) => ({ throughput: measure.throughputOpsPerSec, runtime: measure }),
    ),
    baselineVariant,
    overhead: overheadOf(
      results.results.filter((r) => r.reference),
      variants,
    ),
    latencySamplings: [...new Set(measured.map((r) => r.measure.latencySampling))],
    flushShares: flushSharesOf(measured),
  };
}

/** Median share of the measured phase spent in the closing flush (the writes a variant deferred), per variant. */
function flushSharesOf(repeats: readonly OkRepeat[]): RunSummary['flushShares'] {
  const shares = new Map<string, number[]>();
  for (const r of repeats) {
    const list = shares.get(r.variant) ?? [];
    list.push(r.measure.flushNs / r.measure.durationNs);
    shares.set(r.variant, list);
  }
  return [...shares].map(([variant, list]) => ({ variant, share: median(list) }));
}
