/**
 * The exit code of a run, from what analysis decided before anything was
 * rendered (never from a rendered report: a run whose renderer failed must
 * still fail). Documented in the README and --help.
 */
import { EXIT } from '../core/errors.ts';

export interface RunVerdicts {
  /** A timed job failed, the run failed as a whole (subject.runFailures), or --save-baseline could not save. */
  readonly runFailed: boolean;
  /** A target failed and --check was given. */
  readonly targetFailed: boolean;
  /** The gate confirmed a regression. */
  readonly regressed: boolean;
  /**
   * A gate could not judge (and --allow-incomparable was not given): the
   * paired gate left a cell undecided, or the baseline was not comparable or
   * a flagged cell stayed inconclusive.
   */
  readonly undecided?: boolean;
}

/** Several can hold at once; the lowest code wins, so a crash is never hidden behind a verdict. */
export function exitCodeOf(verdicts: RunVerdicts): number {
  if (verdicts.runFailed) return EXIT.runFailed;
  if (verdicts.targetFailed) return EXIT.targetFailed;
  if (verdicts.regressed) return EXIT.regression;
  if (verdicts.undecided) return EXIT.undecided;
  return EXIT.ok;
}
