/**
 * What every job's child process shares: reporting to the parent, and
 * tagging an error with the phase it happened in.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { JobPhase, WorkerMessage } from './job.ts';
import type { JobError } from '../core/results.ts';

/**
 * The parent is gone (killed outright): nobody will read a result or remove
 * this job's temp folder (TMPDIR, made for this job alone by
 * job-scratch.ts), so remove it and stop rather than run on orphaned.
 * Called on the channel's 'disconnect', and when a send fails: a job busy in
 * synchronous work may see its writes fail (EPIPE) before the disconnect.
 */
export function exitOrphaned(): never {
  const dir = process.env.TMPDIR;
  // Only a folder job-scratch.ts made for this job; never a user's TMPDIR.
  if (dir && path.basename(dir).startsWith('varbench-job-')) rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}

export function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      // Run by hand (or under clinic doctor) without a parent: print the result instead.
      if (message.type === 'result') console.log(JSON.stringify(message.result, null, 2));
      resolve();
      return;
    }
    process.send(message, undefined, {}, (error) => (error ? exitOrphaned() : resolve()));
  });
}

export class PhaseError extends Error {
  constructor(readonly phase: JobPhase, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

export async function inPhase<T>(phase: JobPhase, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof PhaseError ? error : new PhaseError(phase, error);
  }
}

/** The JobError of anything thrown inside a job, with the phase when known. */
export function jobErrorOf(error: unknown): JobError {
  const cause = error instanceof PhaseError ? error.cause : error;
  return {
    message: cause instanceof Error ? cause.message : String(cause),
    ...(cause instanceof Error && cause.stack ? { stack: cause.stack } : {}),
    phase: error instanceof PhaseError ? error.phase : 'start',
  };
}
