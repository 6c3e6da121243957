/**
 * Facts about a run's jobs that every subject's analysis needs: the failed
 * repeats as the report lists them, and the variants in run order.
 */
import type { JobResult, JobStatus, RunResults } from './results.ts';

export interface FailedJob {
  readonly repeat: number;
  readonly status: JobStatus;
  readonly phase: string;
  readonly message: string;
}

export function failedJob(result: JobResult): FailedJob {
  if (result.error !== null) {
    return { repeat: result.repeat, status: result.status, phase: result.error.phase, message: result.error.message };
  }
  // An 'ok' job without a measurement, or a failure that lost its error record:
  // still listed, so the report never silently drops a repeat.
  const message =
    result.status === 'ok'
      ? 'job reported ok but recorded no measurement'
      : result.status === 'timeout'
        ? 'job timed out (no error recorded)'
        : 'job failed (no error recorded)';
  return { repeat: result.repeat, status: result.status, phase: 'unknown', message };
}

/** Variant names in order of first appearance in the plan, then any found only in results (reference jobs excluded). */
export function variantOrder(results: RunResults): string[] {
  const seen = new Set<string>();
  for (const job of [...results.jobs, ...results.results]) {
    if (!job.reference) seen.add(job.variant);
  }
  return [...seen];
}
