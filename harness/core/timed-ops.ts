/**
 * How many ops were timed, per variant and op type: the summary and the
 * targets read percentiles from the run's repeats merged, the gate from each
 * repeat's own histogram, so both counts are kept.
 */
export interface TimedOps {
  /** The run's scenario: the counts are of its jobs only. */
  readonly scenario: string;
  /** Timed ops over the run's own ok repeats; null when none was timed. */
  merged(variant: string, op: string): number | null;
  /** The fewest timed ops in one ok timed repeat (confirmation rounds included). */
  fewestPerRepeat(variant: string, op: string): number | null;
}
