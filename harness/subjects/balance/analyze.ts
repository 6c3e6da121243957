/**
 * BalanceRunResults of a balance scenario -> BalanceRunSummary. Pure.
 *
 * Times are "lower is better", so the speedup of a variant is
 * naive's time / its time (the same bootstrap ratio as the storage
 * subject's throughput speedup, with numerator and denominator swapped).
 */
import type { BalanceMeasure, BalanceRun, BalanceStages } from './results.ts';
import { isTimedRepeat } from '../../core/results.ts';
import type { BalanceJobResult, BalanceRunResults } from './results.ts';
import { runCompleteness } from '../../core/completeness.ts';
import { summarizeProfiles, summarizeRuntime } from '../../stats/runtime.ts';
import type { BalanceRunSummary, BalanceVariantSummary } from './run-summary.ts';
import { DEFAULT_BOOTSTRAP_SEED, bootstrapRatioInterval, estimate, median, type BootstrapOptions } from '../../stats/descriptive.ts';
import { failedJob, variantOrder } from '../../core/failed-jobs.ts';
import type { Estimate } from '../../stats/descriptive.ts';

/** Speed-ups are over naive, the pipeline without any of the strategies, when the run has it. */
const DEFAULT_BASELINE_VARIANT = 'naive';

type OkBalanceJob = BalanceJobResult & { readonly measure: BalanceMeasure };

function isOkBalance(job: BalanceJobResult): job is OkBalanceJob {
  return job.status === 'ok' && job.measure !== null;
}

/** The run whose end-to-end time is the job's median (the stages then add up to one real run). */
function medianRun(measure: BalanceMeasure): BalanceRun {
  const sorted = [...measure.runs].sort((a, b) => a.endToEndMs - b.endToEndMs);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function medianStages(runs: readonly BalanceRun[]): BalanceStages {
  const of = (key: keyof BalanceStages) => median(runs.map((run) => run.stages[key]));
  return { slotMappingMs: of('slotMappingMs'), queryMs: of('queryMs'), filterDecodeMs: of('filterDecodeMs'), writeMs: of('writeMs') };
}

function summarizeVariant(
  variant: string,
  jobs: readonly BalanceJobResult[],
  notRunJobs: number,
  referenceMedian: number | null,
  bootstrap: BootstrapOptions,
): BalanceVariantSummary {
  const ok = jobs.filter(isOkBalance).sort((a, b) => a.repeat - b.repeat);
  const failedJobs = jobs.filter((job) => !isOkBalance(job)).map(failedJob).sort((a, b) => a.repeat - b.repeat);
  const estimateOf = (values: number[]): Estimate | null => (values.length === 0 ? null : estimate(values, bootstrap));
  const runs = ok.map((job) => medianRun(job.measure));
  const endToEndMs = estimateOf(ok.map((job) => job.measure.endToEndMs));
  const colds = ok.map((job) => job.measure.cold);
  const hashing = colds.filter((run) => run.hashes > 0 && run.stages.slotMappingMs > 0);
  const first = ok[0]?.measure;
  const typical = runs.length > 0 ? runs[Math.floor((runs.length - 1) / 2)]! : null;
  const stages = runs.length > 0 ? medianStages(runs) : null;
  // From the same median stages the report shows, so the two agree.
  const scanMs = stages ? stages.queryMs + stages.filterDecodeMs : 0;
  const verdicts = ok.map((job) => job.measure.matchesExpected);
  return {
    variant,
    okJobs: ok.length,
    failedJobs,
    notRunJobs,
    endToEndMs,
    speedup: null, // filled in once naive's times are known
    stages,
    coldEndToEndMs: estimateOf(colds.map((run) => run.endToEndMs)),
    coldSlotMappingMs: estimateOf(colds.map((run) => run.stages.slotMappingMs)),
    coldHashesPerSec: hashing.length === 0 ? null : median(hashing.map((run) => (run.hashes * 1000) / run.stages.slotMappingMs)),
    rowsScannedPerSec: typical && scanMs > 0 ? (median(runs.map((run) => run.rowsScanned)) * 1000) / scanMs : null,
    rows: typical?.rows ?? null,
    rowsScanned: typical?.rowsScanned ?? null,
    unmapped: typical?.unmapped ?? null,
    vsReference: endToEndMs && referenceMedian ? endToEndMs.median / referenceMedian : null,
    outputs: first ? { csv: first.outputs.csv.path, json: first.outputs.json.path, sqlite: first.outputs.sqlite.path } : null,
    matchesExpected: verdicts.length === 0 || verdicts.some((v) => v === null) ? null : verdicts.every((v) => v === true),
    peakRssBytes: ok.length === 0 ? null : Math.max(...ok.map((job) => job.measure.peakRssBytes)),
    runtime: summarizeRuntime(ok.map((job) => job.measure.runtime)),
  };
}

/** Every ok job must have written the same bytes; lists the first job that differs per output. */
function outputAgreement(jobs: readonly OkBalanceJob[]): string[] {
  const disagreements: string[] = [];
  const [first, ...rest] = jobs;
  if (!first) return disagreements;
  for (const kind of ['csv', 'json', 'sqlite'] as const) {
    for (const job of rest) {
      if (job.measure.outputs[kind].sha256 !== first.measure.outputs[kind].sha256) {
        disagreements.push(`${kind}: ${job.variant} repeat ${job.repeat} differs from ${first.variant} repeat ${first.repeat}`);
      }
    }
  }
  return disagreements;
}

export function summarizeBalance(results: BalanceRunResults, options?: { seed?: number }): BalanceRunSummary {
  const bootstrap: BootstrapOptions = { seed: options?.seed ?? DEFAULT_BOOTSTRAP_SEED };
  const names = variantOrder(results);
  const okJobs = results.results.filter((job): job is OkBalanceJob => isTimedRepeat(job) && isOkBalance(job));
  const references = okJobs.map((job) => job.measure.referenceQueryMs);
  const referenceQueryMs = references.length === 0 ? null : estimate(references, bootstrap);
  const jobsOf = (variant: string) => results.results.filter((job) => isTimedRepeat(job) && job.variant === variant);
  const { missingRepeats } = runCompleteness(results);
  const variants = names.map((variant) =>
    summarizeVariant(variant, jobsOf(variant), missingRepeats[variant] ?? 0, referenceQueryMs?.median ?? null, bootstrap),
  );

  const baselineVariant = names.includes(DEFAULT_BASELINE_VARIANT) ? DEFAULT_BASELINE_VARIANT : null;
  const timesOf = (variant: string) => okJobs.filter((job) => job.variant === variant).map((job) => job.measure.endToEndMs);
  const baselineTimes = baselineVariant === null ? [] : timesOf(baselineVariant);
  const withSpeedups = variants.map((v): BalanceVariantSummary => {
    const times = timesOf(v.variant);
    if (baselineVariant === null || times.length === 0 || baselineTimes.length === 0) return v;
    if (v.variant === baselineVariant) return { ...v, speedup: { baseline: baselineVariant, ratio: 1, interval: null } };
    const { ratio, interval } = bootstrapRatioInterval(baselineTimes, times, bootstrap);
    return { ...v, speedup: { baseline: baselineVariant, ratio, interval } };
  });

  const disagreements = outputAgreement(okJobs);
  const timedMedian = new Map(withSpeedups.map((v) => [v.variant, v.endToEndMs?.median ?? null]));
  // Time-based: the profiler's cost as timed / profiled, like throughput profiled / timed for storage,
  // which runs per millisecond give directly (the table shows only the ratio for balance).
  const timedRate = new Map([...timedMedian].map(([variant, ms]) => [variant, ms ? 1 / ms : null]));
  const profiles = summarizeProfiles(results, timedRate, (measure) => ({ throughput: 1 / measure.endToEndMs, runtime: measure.runtime })).map(
    (profile) => ({ ...profile, throughput: null }),
  );
  return {
    profiles,
    variants: withSpeedups,
    baselineVariant,
    referenceQueryMs,
    referenceRows: okJobs[0]?.measure.referenceRows ?? null,
    outputsAgree: disagreements.length === 0,
    disagreements,
  };
}
