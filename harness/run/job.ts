/** What the runner hands a child process, and what the child sends back over IPC. */
import type { JobResult, JobSpec } from '../core/results.ts';
import type { Scenario } from '../core/scenario.ts';

export interface JobPayload {
  readonly job: JobSpec;
  readonly scenario: Scenario;
  /** The module whose `subject` export runs this job (subject.module): the child imports it. */
  readonly subjectModule: string;
  /** The run's report folder: profiled jobs write their artifacts under it. */
  readonly runDir: string;
}

export type JobPhase = 'start' | 'open' | 'load' | 'verify' | 'warmup' | 'measure' | 'verify-after' | 'close';

export type WorkerMessage =
  | { readonly type: 'progress'; readonly phase: JobPhase; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly result: JobResult };
