/**
 * scenario x variants x repeats -> the ordered job list.
 *
 * Repeats interleave variants (A B C D, A B C D, ...) rather than running
 * A A A B B B, so slow drift of a shared machine spreads over every variant.
 * The subject's reference jobs (the storage subject's no-op store) run
 * first: they measure what the harness itself costs per op.
 */
import type { JobSpec, ProfileSpec, Side } from '../core/results.ts';
import { subjectNamed } from '../subjects/registry.ts';
import type { Scenario } from '../core/scenario.ts';

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
  /** The module of the scenario's subject (subject.module), which each job's child process imports. */
  readonly subjectModule: string;
}

/**
 * --quick: a smoke run that exercises every phase in seconds, one repeat
 * (the subject decides what else gets smaller). The numbers it produces are
 * not comparable with full runs, and the report says so.
 */
export function quickened<S extends Scenario>(scenario: S): S {
  return { ...subjectNamed(scenario.subject, `scenario '${scenario.name}'`).quickened(scenario), repeats: 1 };
}

export function planRun(scenario: Scenario, options: PlanOptions): Plan {
  const subject = subjectNamed(scenario.subject, `scenario '${scenario.name}'`);
  const knownVariants = Object.keys(subject.variants);
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
  // Reference jobs (the storage subject's no-op store) measure the harness
  // itself; a subject may instead time its reference inside each job.
  for (const variant of subject.reference?.variants ?? []) add(variant, 1, true);
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
  return { scenario: effective, variants, repeats, quick: options.quick, jobs, subjectModule: subject.module };
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

/**
 * --against: round `round` of pairs, one job of each side per variant,
 * indexed after the `planned` jobs. The side that goes first alternates by
 * round (A B, then B A: ABBA over two rounds), so a machine that speeds up
 * or slows down through a round favours neither side; the pair's two jobs
 * run back to back, so they see the same moment of a shared machine.
 */
export function planPairedRound(plan: Plan, round: number, planned: number): JobSpec[] {
  const order: readonly Side[] = round % 2 === 1 ? ['A', 'B'] : ['B', 'A'];
  return plan.variants.flatMap((variant) => order.map((side) => ({ variant, side }))).map(({ variant, side }, i) => ({
    id: `${variant}#${round}${side}`,
    index: planned + i,
    scenario: plan.scenario.name,
    variant,
    repeat: round,
    reference: false,
    profile: null,
    side,
  }));
}
