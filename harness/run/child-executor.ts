/**
 * The real JobExecutor: one child process per job (execa), so every
 * measurement gets a fresh heap and JIT and no variant warms another.
 * The child reports progress and its JobResult over IPC; a child that
 * crashes, is killed or runs past its timeout becomes a failed / timeout
 * result carrying its exit status and the tail of its stderr.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../core/project-root.ts';
import { execaNode } from 'execa';
import type { JobPayload, JobPhase, WorkerMessage } from './job.ts';
import type { JobResult } from '../core/results.ts';
import type { JobExecutor, JobRunOptions } from './runner.ts';
import { runDoctorJob } from './doctor-job.ts';
import { createJobScratch } from './job-scratch.ts';
import { CHILD_MAIN } from './ref-checkout.ts';

const workerPath = fileURLToPath(new URL('./child-main.ts', import.meta.url));
const STDERR_TAIL_CHARS = 4_000;

/**
 * Node's exit code for a top-level await that can never settle: the
 * worker's `await main()` is waiting on a promise (a variant's get or flush,
 * say) and the event loop has nothing left that could settle it.
 * https://nodejs.org/api/process.html#exit-codes
 */
const UNSETTLED_AWAIT_EXIT_CODE = 13;

/** --expose-gc lets the worker start its measured phase from a collected heap. */
export const CHILD_NODE_OPTIONS = ['--expose-gc', '--import', 'tsx'] as const;

function isWorkerMessage(value: unknown): value is WorkerMessage {
  return typeof value === 'object' && value !== null && 'type' in value;
}

/**
 * Starts a job's time limit: calls `expire` once `timeoutMs` has passed, unless
 * the returned function cancels it first. Injectable so a test can let the
 * limit run out at a known point of the job instead of racing the machine.
 */
export type TimeLimit = (timeoutMs: number, expire: () => void) => () => void;

const wallClockLimit: TimeLimit = (timeoutMs, expire) => {
  const timer = setTimeout(expire, timeoutMs);
  return () => clearTimeout(timer);
};

export interface ChildExecutorOptions {
  readonly extraNodeOptions?: readonly string[];
  readonly scratchRoot?: string;
  readonly timeLimit?: TimeLimit;
  /**
   * The checkout whose harness/run/child-main.ts runs the job, and the job's
   * working folder (--against: the other side's worktree); default this one.
   */
  readonly projectRoot?: string;
  /** Added to the job's environment (--against: VARBENCH_SIDE). */
  readonly env?: Readonly<Record<string, string>>;
}

export function createChildExecutor(options: ChildExecutorOptions = {}): JobExecutor {
  const timeLimit = options.timeLimit ?? wallClockLimit;
  const projectRoot = options.projectRoot ?? PROJECT_ROOT;
  const childMain = options.projectRoot === undefined ? workerPath : path.join(projectRoot, CHILD_MAIN);
  return {
    async run(payload: JobPayload, runOptions): Promise<JobResult> {
      const scratch = createJobScratch(options.scratchRoot);
      try {
        if (payload.job.profile?.kind === 'doctor') {
          return await runDoctorJob(payload, {
            timeoutMs: runOptions.timeoutMs,
            nodeOptions: [...CHILD_NODE_OPTIONS, ...(options.extraNodeOptions ?? [])],
            env: { ...scratch.env, ...options.env },
          });
        }
        return await runInChild(payload, runOptions, { ...scratch.env, ...options.env });
      } finally {
        scratch.release();
      }
    },
  };

  async function runInChild(
    payload: JobPayload,
    { timeoutMs, onMessage, signal }: JobRunOptions,
    env: NodeJS.ProcessEnv,
  ): Promise<JobResult> {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    let lastPhase: JobPhase = 'start';
    let result: JobResult | undefined;
    const subprocess = execaNode(childMain, [JSON.stringify(payload)], {
      cwd: projectRoot,
      env,
      nodeOptions: [...CHILD_NODE_OPTIONS, ...(options.extraNodeOptions ?? [])],
      ipc: true,
      serialization: 'json',
      // Killed (SIGTERM) when the user stops the run at once: the runner drops its result.
      ...(signal ? { cancelSignal: signal } : {}),
      // SIGKILL if the SIGTERM of an expired time limit or a cancel is not enough (a worker stuck in native code).
      forceKillAfterDelay: 2_000,
      reject: false,
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: { ipc: false, stdout: true, stderr: true },
    });
    subprocess.on('message', (message: unknown) => {
      if (!isWorkerMessage(message)) return;
      if (message.type === 'result') result = message.result;
      else lastPhase = message.phase;
      onMessage(message);
    });
    let timedOut = false;
    const cancelLimit = timeLimit(timeoutMs, () => {
      timedOut = true;
      subprocess.kill();
    });
    const outcome = await subprocess.finally(cancelLimit);
    if (result) return result;

    const stderr = String(outcome.stderr ?? '');
    const tail = stderr.length > STDERR_TAIL_CHARS ? '…' + stderr.slice(-STDERR_TAIL_CHARS) : stderr;
    const how = timedOut
      ? `timed out after ${(timeoutMs / 1000).toFixed(0)} s (set timeoutMs in the scenario or --timeout to allow more)`
      : outcome.signal
        ? `was killed by ${outcome.signal}`
        : outcome.exitCode === UNSETTLED_AWAIT_EXIT_CODE
          ? 'stopped with nothing left to run while awaiting a promise that never settles (the variant returned a promise ' +
            'that nothing resolves or rejects: no pending timer, I/O or thread was left to settle it; Node exits with code 13)'
          : `exited with code ${outcome.exitCode} without sending a result`;
    return {
      ...payload.job,
      status: timedOut ? 'timeout' : 'failed',
      startedAt,
      wallMs: performance.now() - t0,
      environment: null,
      phases: null,
      measure: null,
      error: {
        message: `the job's process ${how} during its ${lastPhase} phase${tail ? `; stderr:\n${tail}` : ''}`,
        phase: lastPhase,
      },
    };
  }
}
