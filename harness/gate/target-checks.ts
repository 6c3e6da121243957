/**
 * The record of one target checked against a run, as results.json keeps it
 * and every report format shows it. Which targets a subject has and how it
 * checks them is the subject's (subject.gate); the shape of a check is
 * shared, so the report and the exit code read any subject's the same way.
 */
import type { Target } from '../../targets/define.ts';
import type { Interval } from '../stats/descriptive.ts';

/**
 * undecided: the measured value meets the bound (or not) but its interval
 * straddles it, so the repeats cannot tell; with --check it exits 5, not 0 or 3.
 */
export type TargetStatus = 'pass' | 'fail' | 'undecided' | 'no data' | 'no scenario';

export interface Measured {
  readonly value: number;
  readonly interval: Interval | null;
  /** The value (and interval) formatted in the target's unit. */
  readonly text: string;
}

export interface TargetCheck {
  readonly target: Target;
  readonly scenario: string;
  /** The variant checked: the target's own, or one of the run's for '*' (still '*' when the run had none). */
  readonly variant: string;
  /** "single-put · cached · throughput" */
  readonly description: string;
  /** "≥ 100.0k ops/s" */
  readonly bound: string;
  readonly measured: Measured | null;
  readonly status: TargetStatus;
  /** Why there is no data, or a caveat on a pass/fail (interval straddling the bound, unequal work). */
  readonly note: string | null;
}
