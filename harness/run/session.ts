/**
 * One run on disk: the results record, its folder, and running jobs into it
 * with progress, a write of results.json after every job, and stopping:
 *
 * - first Ctrl-C (SIGINT): the running job finishes, then the report of what
 *   finished is written (exit 130);
 * - second Ctrl-C, or SIGTERM (how CI systems cancel a job): the running job
 *   is killed at once, its temp folder removed, and the report of what
 *   finished is still written (exit 130, or 143 for SIGTERM);
 * - a third Ctrl-C exits on the spot (job-scratch.ts's exit hook still
 *   removes the job's folder; results.json already holds every finished job).
 *
 * Shared by a normal run, its confirmation round and calibrate-noise's runs.
 */
import path from 'node:path';
import { collectEnvironment } from '../core/environment.ts';
import { VarbenchError } from '../core/errors.ts';
import type { Plan } from '../plan/plan.ts';
import { createProgressReporter } from './progress.ts';
import { subjectNamed } from '../subjects/registry.ts';
import { RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, type JobResult, type JobSpec, type RunResults } from '../core/results.ts';
import { runPlan, type JobExecutor } from './runner.ts';
import { writeResults } from '../core/results-file.ts';

export interface SessionIo {
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  readonly executor: JobExecutor;
}

function runId(scenario: string, now: Date): string {
  // Sortable and safe in file names on every OS.
  return `${now.toISOString().replace(/[:.]/g, '-').replace('Z', '')}-${scenario}`;
}

export class RunSession {
  readonly runDir: string;
  readonly resultsPath: string;
  private current: RunResults;
  private stopRequested = false;
  private stopSignal: 'SIGINT' | 'SIGTERM' | null = null;
  private readonly abort = new AbortController();
  private readonly onSigint = (): void => {
    if (this.abort.signal.aborted) {
      this.io.stderr.write(`\nStopped. Finished jobs are in ${this.resultsPath}\n`);
      process.exit(130);
    }
    if (this.stopRequested) {
      this.io.stderr.write('\nStopping now: the running job is killed; writing the report of the finished jobs (Ctrl-C again to exit at once)…\n');
      this.abort.abort();
      return;
    }
    this.stopRequested = true;
    this.stopSignal = 'SIGINT';
    this.io.stderr.write('\nInterrupted: the running job finishes, then the report is written (Ctrl-C again to stop now)…\n');
  };
  private readonly onSigterm = (): void => {
    this.stopRequested = true;
    this.stopSignal = 'SIGTERM';
    if (this.abort.signal.aborted) return;
    this.io.stderr.write('\nTerminated (SIGTERM): the running job is killed; writing the report of the finished jobs…\n');
    this.abort.abort();
  };

  /** Creates the run folder and writes the empty results.json; an unwritable folder is a usage error (exit 2). */
  constructor(
    private readonly plan: Plan,
    private readonly io: SessionIo,
    options: { readonly outDir: string; readonly profile: readonly string[] },
  ) {
    const startedAt = new Date();
    const id = runId(plan.scenario.name, startedAt);
    this.runDir = path.resolve(options.outDir, id);
    this.current = {
      schema: RESULTS_SCHEMA,
      schemaVersion: RESULTS_SCHEMA_VERSION,
      runId: id,
      startedAt: startedAt.toISOString(),
      finishedAt: null,
      scenario: plan.scenario,
      options: { quick: plan.quick, repeats: plan.repeats, variants: plan.variants, profile: [...options.profile] },
      environment: collectEnvironment(),
      jobs: plan.jobs,
      results: [],
      calibration: null,
      targets: null,
      gate: null,
      paired: null,
    };
    try {
      this.resultsPath = writeResults(this.runDir, this.current);
    } catch (error) {
      throw new VarbenchError(
        'USAGE',
        `Cannot write the report folder ${this.runDir}: ${(error as Error).message}. Pass --out with a folder you can write to.`,
        { cause: error },
      );
    }
    process.on('SIGINT', this.onSigint);
    process.on('SIGTERM', this.onSigterm);
  }

  get results(): RunResults {
    return this.current;
  }

  /** True once Ctrl-C was pressed or SIGTERM arrived: run nothing more, report what finished. */
  get interrupted(): boolean {
    return this.stopRequested;
  }

  /** The exit code of a stopped run: 128 + the signal's number, as shells report it. */
  get interruptedExitCode(): number {
    return this.stopSignal === 'SIGTERM' ? 143 : 130;
  }

  /** Replaces the record (e.g. with calibration or checks) and writes it. */
  update(change: (results: RunResults) => RunResults): RunResults {
    this.current = change(this.current);
    writeResults(this.runDir, this.current);
    return this.current;
  }

  /**
   * Runs `jobs` (the plan's own, or ones added to it) one at a time; each
   * result is written as soon as it exists. Jobs not yet in the record's job
   * list are added to it first, so results.json always lists what is planned.
   * `afterEachJob` runs in this process once the job's process has exited.
   */
  async runJobs(jobs: readonly JobSpec[], afterEachJob?: () => void): Promise<void> {
    const known = new Set(this.current.jobs.map((job) => job.id));
    const added = jobs.filter((job) => !known.has(job.id));
    if (added.length > 0) this.update((r) => ({ ...r, jobs: [...r.jobs, ...added] }));
    const before = this.current.results;
    const interactive = Boolean(this.io.stderr.isTTY) && !this.io.env.CI;
    const progress = createProgressReporter({ stream: this.io.stderr, interactive, totalJobs: this.current.jobs.length, repeats: this.plan.repeats,
      subject: subjectNamed(this.plan.scenario.subject, 'the plan'),
    });
    await runPlan({ ...this.plan, jobs }, { executor: this.io.executor, runDir: this.runDir, signal: this.abort.signal }, {
      onJobStart: (job) => progress.jobStarted(job),
      onMessage: (job, message) => progress.message(job, message),
      onJobDone: (result, finished: readonly JobResult[]) => {
        progress.jobFinished(result);
        this.update((r) => ({ ...r, results: [...before, ...finished] }));
        afterEachJob?.();
      },
      shouldStop: () => this.stopRequested,
    });
  }

  /** Stamps finishedAt, writes, and stops listening for Ctrl-C and SIGTERM. */
  finish(): RunResults {
    this.dispose();
    return this.update((r) => ({ ...r, finishedAt: new Date().toISOString() }));
  }

  /** Stops listening for Ctrl-C and SIGTERM without finishing (an error ended the run). */
  dispose(): void {
    process.removeListener('SIGINT', this.onSigint);
    process.removeListener('SIGTERM', this.onSigterm);
  }
}
