/** The machine-speed workload as the CLI times it (tests inject a fixed one through CliIo.calibrate). */
import { runCalibration } from '../gate/machine-speed.ts';

/** One batch of the calibration workload's samples (`samples` of them; default 5). */
export function timeCalibration(samples?: number): readonly number[] {
  return runCalibration(samples === undefined ? undefined : { samples }).opsPerSec;
}
