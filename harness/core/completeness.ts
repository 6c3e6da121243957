/**
 * How much of the planned run has a result. An interrupted run (Ctrl-C,
 * SIGTERM from a CI cancel) still writes its report; every view must then
 * say that part of the plan never ran, rather than judge the rest as if it
 * were the whole (a variant with no repeat is "not run", not "ok 0/0").
 */
import { isRunRepeat, type RunResults } from './results.ts';

export interface RunCompleteness {
  /** Jobs in the plan (timed repeats, the reference, profiled jobs, confirmation repeats). */
  readonly planned: number;
  /** Jobs with a result, whatever its status. */
  readonly finished: number;
  /** planned - finished. */
  readonly missing: number;
  /** Timed repeats (the run's own, not the confirmation round's) without a result, per variant. */
  readonly missingRepeats: Readonly<Record<string, number>>;
  /** True when the run ended (finishedAt set) with jobs of its plan missing. */
  readonly stoppedEarly: boolean;
}

export function runCompleteness(results: RunResults): RunCompleteness {
  const done = new Set(results.results.map((r) => r.id));
  const missingJobs = results.jobs.filter((job) => !done.has(job.id));
  const missingRepeats: Record<string, number> = {};
  for (const job of missingJobs) {
    if (isRunRepeat(job)) missingRepeats[job.variant] = (missingRepeats[job.variant] ?? 0) + 1;
  }
  return {
    planned: results.jobs.length,
    finished: results.jobs.length - missingJobs.length,
    missing: missingJobs.length,
    missingRepeats,
    stoppedEarly: results.finishedAt !== null && missingJobs.length > 0,
  };
}
