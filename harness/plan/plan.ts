/**
 * scenario x variants x repeats -> the ordered job list.
 *
 * Repeats interleave variants (A B C D, A B C D, ...) rather than running
 * A A A B B B, so slow drift of a shared machine spreads over every variant.
 * One reference job with the no-op store runs first: it measures what the
 * harness itself costs per op.
 */
import type { JobSpec, ProfileSpec } from '../core/results.ts';
import type { Scenario, StorageScenario } from './scenario.ts';

export const REFERENCE_VARIANT = 'noop';

/** What --profile can ask for; 'all' expands to cpu, heap and flame (doctor stays opt-in). */
export const PROFILE_KINDS = ['cpu', 'heap', 'flame', 'doctor'] as const;
export type RequestedProfile = (typeof PROFILE_KINDS)[number];

export interface PlanOptions {
  /** Variants to run (default: the scenario's list, else all known). */
  readonly variants?: readonly string[];
  readonly repeats?: number;
  readonly quick: boolean;
  /** Profiles to take, one profiled job per variant and kind after the timed jobs. */
  readonly profile?: readonly RequestedProfile[];
  readonly cpuSamplingIntervalUs?: number;
}

export const DEFAULT_CPU_SAMPLING_INTERVAL_US = 100;

export interface Plan {
  /** The scenario as it will run (after --quick and --repeats). */
  readonly scenario: Scenario;
  readonly variants: readonly string[];
  readonly repeats: number;
  readonly quick: boolean;
  readonly jobs: readonly JobSpec[];
}

/**
 * --quick: a smoke run that exercises every phase in seconds. The numbers
 * it produces are not comparable with full runs, and the report says so.
 */
export function quickened(scenario: StorageScenario): StorageScenario;
export function quickened(scenario: Scenario): Scenario;
export function quickened(scenario: Scenario): Scenario {
  if (scenario.subject === 'balance') {
    // The dataset stays as declared (generated datasets are cached on disk, and a
    // smaller one would be another dataset); one measured run after the cold one.
    return { ...scenario, runs: 1, repeats: 1 };
  }
  return {
    ...scenario,
    dataset: { ...scenario.dataset, records: Math.min(scenario.dataset.records, 5_000) },
    workload: {
      ...scenario.workload,
      operations: Math.min(scenario.workload.operations, 20_000),
      durationMs: Math.min(scenario.workload.durationMs ?? Infinity, 300),
    },
    warmup: {
      operations: Math.min(scenario.warmup.operations, 1_000),
      maxDurationMs: Math.min(scenario.warmup.maxDurationMs, 100),
    },
    repeats: 1,
  };
}

export function planRun(scenario: Scenario, options: PlanOptions, knownVariants: readonly string[]): Plan {
  const base = options.quick ? quickened(scenario) : scenario;
  const repeats = options.repeats ?? base.repeats;
  const variants = options.variants ?? base.variants ?? knownVariants;
  const effective: Scenario = { ...base, repeats, variants };
  const jobs: JobSpec[] = [];
  const add = (variant: string, repeat: number, reference: boolean, profile: ProfileSpec | null = null) =>
    jobs.push({
      id: profile ? `${variant}#${profile.kind}-profile` : `${variant}#${repeat}`,
      index: jobs.length, scenario: scenario.name, variant, repeat, reference, profile,
    });
  // The no-op store measures the storage driver's overhead; a balance job
  // times its own reference (the bare SQL query) in the same process.
  if (scenario.subject === 'storage') add(REFERENCE_VARIANT, 1, true);
  for (let repeat = 1; repeat <= repeats; repeat++) {
    for (const variant of variants) add(variant, repeat, false);
  }
  // Profiled processes come after every timed one, so they never share the machine with a timing.
  const requested = new Set(options.profile ?? []);
  const cpuSamplingIntervalUs = options.cpuSamplingIntervalUs ?? DEFAULT_CPU_SAMPLING_INTERVAL_US;
  for (const variant of variants) {
    if (requested.has('cpu') || requested.has('flame')) {
      add(variant, 1, false, { kind: 'cpu', flame: requested.has('flame'), cpuSamplingIntervalUs });
    }
    if (requested.has('heap')) add(variant, 1, false, { kind: 'heap', flame: false, cpuSamplingIntervalUs });
    if (requested.has('doctor')) add(variant, 1, false, { kind: 'doctor', flame: false, cpuSamplingIntervalUs });
  }
  return { scenario: effective, variants, repeats, quick: options.quick, jobs };
}

/**
 * The gate's confirmation round: `repeats` more timed repeats of each of
 * `variants`, interleaved like the first round, numbered after the plan's
 * own repeats and indexed after every job already planned.
 */
export function planConfirmation(plan: Plan, planned: readonly JobSpec[], variants: readonly string[], repeats: number): JobSpec[] {
  const jobs: JobSpec[] = [];
  for (let extra = 1; extra <= repeats; extra++) {
    const repeat = plan.repeats + extra;
    for (const variant of variants) {
      jobs.push({
        id: `${variant}#${repeat}`,
        index: planned.length + jobs.length,
        scenario: plan.scenario.name,
        variant,
        repeat,
        reference: false,
        profile: null,
        confirmation: true,
      });
    }
  }
  return jobs;
}
