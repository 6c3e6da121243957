/**
 * RunResults of a balance scenario -> BalanceRunSummary. Pure.
 *
 * Times are "lower is better", so the speedup of a variant is
 * naive's time / its time (the same bootstrap ratio as the storage
 * subject's throughput speedup, with numerator and denominator swapped).
 */
import type { BalanceMeasure, BalanceRun, BalanceStages } from './results.ts';
import { isTimedRepeat, type JobResult, type RunResults } from '../../core/results.ts';
import { runCompleteness } from '../../core/completeness.ts';
import { summarizeProfiles, summarizeRuntime } from '../../stats/runtime.ts';
import type { BalanceRunSummary, BalanceVariantSummary } from './summary.ts';
import { DEFAULT_BOOTSTRAP_SEED, bootstrapRatioInterval, estimate, median, type BootstrapOptions } from '../../stats/descriptive.ts';
import { DEFAULT_BASELINE_VARIANT, failedJob, variantOrder } from '../storage/summarize.ts';
import type { Estimate } from '../storage/summary.ts';

type OkBalanceJob = JobResult & { readonly balance: BalanceMeasure };

function isOkBalance(job: JobResult): job is OkBalanceJob {
  return job.status === 'ok' && job.balance !== undefined && job.balance !== null;
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
  jobs: readonly JobResult[],
  notRunJobs: number,
  referenceMedian: number | null,
  bootstrap: BootstrapOptions,
): BalanceVariantSummary {
  const ok = jobs.filter(isOkBalance).sort((a, b) => a.repeat - b.repeat);
  const failedJobs = jobs.filter((job) => !isOkBalance(job)).map(failedJob).sort((a, b) => a.repeat - b.repeat);
  const estimateOf = (values: number[]): Estimate | null => (values.length === 0 ? null : estimate(values, bootstrap));
  const runs = ok.map((job) => medianRun(job.balance));
  const endToEndMs = estimateOf(ok.map((job) => job.balance.endToEndMs));
  const colds = ok.map((job) => job.balance.cold);
  const hashing = colds.filter((run) => run.hashes > 0 && run.stages.slotMappingMs > 0);
  const first = ok[0]?.balance;
  const typical = runs.length > 0 ? runs[Math.floor((runs.length - 1) / 2)]! : null;
  const stages = runs.length > 0 ? medianStages(runs) : null;
  // From the same median stages the report shows, so the two agree.
  const scanMs = stages ? stages.queryMs + stages.filterDecodeMs : 0;
  const verdicts = ok.map((job) => job.balance.matchesExpected);
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
    peakRssBytes: ok.length === 0 ? null : Math.max(...ok.map((job) => job.balance.peakRssBytes)),
    runtime: summarizeRuntime(ok.map((job) => job.balance.runtime)),
  };
}

/** Every ok job must have written the same bytes; lists the first job that differs per output. */
function outputAgreement(jobs: readonly OkBalanceJob[]): string[] {
  const disagreements: string[] = [];
  const [first, ...rest] = jobs;
  if (!first) return disagreements;
  for (const kind of ['csv', 'json', 'sqlite'] as const) {
    for (const job of rest) {
      if (job.balance.outputs[kind].sha256 !== first.balance.outputs[kind].sha256) {
        disagreements.push(`${kind}: ${job.variant} repeat ${job.repeat} differs from ${first.variant} repeat ${first.repeat}`);
      }
    }
  }
  return disagreements;
}

export function summarizeBalance(results: RunResults, options?: { seed?: number }): BalanceRunSummary {
  const bootstrap: BootstrapOptions = { seed: options?.seed ?? DEFAULT_BOOTSTRAP_SEED };
  const names = variantOrder(results);
  const okJobs = results.results.filter((job): job is OkBalanceJob => isTimedRepeat(job) && isOkBalance(job));
  const references = okJobs.map((job) => job.balance.referenceQueryMs);
  const referenceQueryMs = references.length === 0 ? null : estimate(references, bootstrap);
  const jobsOf = (variant: string) => results.results.filter((job) => isTimedRepeat(job) && job.variant === variant);
  const { missingRepeats } = runCompleteness(results);
  const variants = names.map((variant) =>
    summarizeVariant(variant, jobsOf(variant), missingRepeats[variant] ?? 0, referenceQueryMs?.median ?? null, bootstrap),
  );

  const baselineVariant = names.includes(DEFAULT_BASELINE_VARIANT) ? DEFAULT_BASELINE_VARIANT : null;
  const timesOf = (variant: string) => okJobs.filter((job) => job.variant === variant).map((job) => job.balance.endToEndMs);
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
  const profiles = summarizeProfiles(results, []).map((profile) => {
    const job = results.results.find((r) => r.profile?.kind === profile.kind && r.variant === profile.variant);
    const profiledMs = job?.balance?.endToEndMs ?? null;
    const timedMs = timedMedian.get(profile.variant) ?? null;
    // Time-based: the profiler's cost as timed / profiled, like throughput profiled / timed for storage.
    const allocation = job?.balance?.runtime.allocation ?? null;
    return {
      ...profile,
      throughput: null,
      throughputVsTimed: profiledMs && timedMs ? timedMs / profiledMs : null,
      bytesPerOp: allocation?.bytesPerOp ?? null,
      allocationMethod: allocation?.method ?? null,
    };
  });
  return {
    profiles,
    variants: withSpeedups,
    baselineVariant,
    referenceQueryMs,
    referenceRows: okJobs[0]?.balance.referenceRows ?? null,
    outputsAgree: disagreements.length === 0,
    disagreements,
  };
}
