/**
 * Times the calibration workload around and between a run's jobs (in the
 * parent, while no job process is running): a batch before the first job,
 * one sample after every job, a batch after the last.
 *
 * Why spread out: the gate normalises by the fastest sample
 * (analysis/calibration.ts), meant to capture the machine's speed, not a
 * moment of it. Two windows of a second each can both land in a slow patch
 * of a shared VM: in an A/A experiment on this project's VM, a baseline
 * whose before-and-after samples all ran slow made every later run look 15 %
 * "faster machine", and one of ten unchanged runs failed the gate on the
 * normalisation alone. A sample between every job spreads the yardstick over
 * the whole run; each costs about 50 ms.
 */
import { CALIBRATION_WORKLOAD } from '../gate/machine-speed.ts';
import type { CalibrationRecord } from '../gate/records.ts';
import type { JobSpec } from '../core/results.ts';
import type { RunSession } from './session.ts';

export class CalibrationSampler {
  readonly #samples: number[] = [];

  /** `time(n)` runs the workload and returns n samples (n undefined: its default batch). */
  constructor(private readonly time: (samples?: number) => readonly number[]) {}

  /** A batch of samples (before the first job, after the last). */
  sample(): void {
    this.#samples.push(...this.time());
  }

  /** One sample (between jobs). */
  sampleOne(): void {
    this.#samples.push(...this.time(1));
  }

  record(): CalibrationRecord {
    return { workload: CALIBRATION_WORKLOAD, opsPerSec: [...this.#samples] };
  }
}

/** Runs `jobs` in `session` with calibration around and between them, and records the samples in results.json. */
export async function runJobsCalibrated(session: RunSession, jobs: readonly JobSpec[], time: (samples?: number) => readonly number[]): Promise<void> {
  const calibration = new CalibrationSampler(time);
  calibration.sample();
  await session.runJobs(jobs, () => calibration.sampleOne());
  calibration.sample();
  session.update((r) => ({ ...r, calibration: calibration.record() }));
}
