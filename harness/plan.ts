/**
 * scenario x variants x repeats -> the ordered job list.
 *
 * Repeats interleave variants (A B C D, A B C D, ...) rather than running
 * A A A B B B, so slow drift of a shared machine spreads over every variant.
 * One reference job with the no-op store runs first: it measures what the
 * harness itself costs per op.
 */
import type { JobSpec } from './results.ts';
import type { Scenario } from './scenario.ts';

export const REFERENCE_VARIANT = 'noop';

export interface PlanOptions {
  /** Variants to run (default: the scenario's list, else all known). */
  readonly variants?: readonly string[];
  readonly repeats?: number;
  readonly quick: boolean;
}

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
export function quickened(scenario: Scenario): Scenario {
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
  const add = (variant: string, repeat: number, reference: boolean) =>
    jobs.push({ id: `${variant}#${repeat}`, index: jobs.length, scenario: scenario.name, variant, repeat, reference });
  add(REFERENCE_VARIANT, 1, true);
  for (let repeat = 1; repeat <= repeats; repeat++) {
    for (const variant of variants) add(variant, repeat, false);
  }
  return { scenario: effective, variants, repeats, quick: options.quick, jobs };
}
