/** What a command reads and writes besides files: injectable, so tests drive the CLI exactly. */
import type { JobExecutor } from '../run/runner.ts';

export interface CliIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** Injected by tests; the child-process executor otherwise. */
  readonly executor?: JobExecutor;
  /** Injected by tests (fixed machine speed); the calibration workload otherwise. */
  readonly calibrate?: (samples?: number) => readonly number[];
}
