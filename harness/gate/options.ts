/** The gate's settings as the command line gives them (cli/gate-options.ts parses and checks them). */
import type { Correction } from '../stats/multiple-testing.ts';

export interface GateOptions {
  readonly noiseThreshold: number;
  readonly alpha: number;
  readonly correction: Correction;
  /** Confirmation repeats per flagged variant; undefined = the run's own repeats. */
  readonly confirmRepeats: number | undefined;
  readonly metrics: readonly string[] | null;
}
