/**
 * Runs a plan's jobs one after another (never two at once: they would compete
 * for the two cores) through a JobExecutor, and reports each result as soon as
 * it exists so the caller can persist it. A job that fails, crashes or times
 * out is just a result with that status; the run goes on.
 */
import type { JobPayload, WorkerMessage } from './job.ts';
import type { Plan } from '../plan/plan.ts';
import type { JobResult, JobSpec } from '../core/results.ts';

export interface JobRunOptions {
  readonly timeoutMs: number;
  readonly onMessage: (message: WorkerMessage) => void;
  /** Aborted when the user stops the run at once (second Ctrl-C, SIGTERM): kill the job, clean up, return. */
  readonly signal?: AbortSignal;
}

export interface JobExecutor {
  run(payload: JobPayload, options: JobRunOptions): Promise<JobResult>;
}

export interface RunHooks {
  onJobStart?(job: JobSpec): void;
  onMessage?(job: JobSpec, message: WorkerMessage): void;
  /** Called after every job with everything finished so far; awaited, so results are written before the next job starts. */
  onJobDone?(result: JobResult, finished: readonly JobResult[]): void | Promise<void>;
  /** Checked before each job (Ctrl-C): true ends the run early with what finished. */
  shouldStop?(): boolean;
}

export const DEFAULT_JOB_TIMEOUT_MS = 180_000;

export interface RunContext {
  readonly executor: JobExecutor;
  /** The run's report folder, where profiled jobs write their artifacts. */
  readonly runDir: string;
  /** Aborts the running job; its result is then dropped (the user stopped it, it did not fail). */
  readonly signal?: AbortSignal;
}

export async function runPlan(plan: Plan, { executor, runDir, signal }: RunContext, hooks: RunHooks = {}): Promise<JobResult[]> {
  const finished: JobResult[] = [];
  const timeoutMs = plan.scenario.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  for (const job of plan.jobs) {
    if (hooks.shouldStop?.() || signal?.aborted) break;
    hooks.onJobStart?.(job);
    const result = await executor.run(
      { job, scenario: plan.scenario, subjectModule: plan.subjectModule, runDir },
      { timeoutMs, onMessage: (message) => hooks.onMessage?.(job, message), ...(signal ? { signal } : {}) },
    );
    // Killed because the user stopped the run: not a measurement, and not a failure of the variant.
    if (signal?.aborted) break;
    finished.push(result);
    await hooks.onJobDone?.(result, finished);
  }
  return finished;
}
