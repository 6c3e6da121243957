/**
 * A run stopped before its plan was done must say so everywhere it reports
 * (console, summary.md for $GITHUB_STEP_SUMMARY, the HTML), and leave no job
 * folder behind however it was stopped: Ctrl-C once (the running job
 * finishes), twice (killed at once), or SIGTERM (how CI cancels a job).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli/main.ts';
import type { JobResult, RunResults } from '../../../harness/core/results.ts';
import type { JobExecutor } from '../../../harness/run/runner.ts';
import { captureStream } from '../../support/capture-stream.ts';
import { makeEnvironment, makeMeasure } from '../../support/results-fixtures.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'varbench-stopped-'));
  dirs.push(dir);
  return dir;
}

/** Answers every job; after the `stopAfter`-th it delivers a Ctrl-C to this process, as a user would. */
function interruptingExecutor(stopAfter: number): JobExecutor {
  let ran = 0;
  return {
    run: async (payload) => {
      ran++;
      if (ran === stopAfter) process.emit('SIGINT');
      const result: JobResult = {
        ...payload.job,
        status: 'ok',
        startedAt: new Date(0).toISOString(),
        wallMs: 10,
        environment: makeEnvironment(),
        phases: null,
        measure: makeMeasure({ throughputOpsPerSec: 10_000 * ran }, payload.scenario),
        error: null,
      };
      return result;
    },
  };
}

describe('a run stopped by Ctrl-C', () => {
  it('is reported as stopped early, never green, and a variant that never ran is "not run"', async () => {
    const out = tempDir();
    const stdout = captureStream();
    const stderr = captureStream();
    // 13 planned jobs: the no-op reference, then naive, batched, pooled, cached x 3; stopped after the third.
    const argv = ['--scenario', 'mixed-70-20-10', '--quick', '--repeats', '3', '--out', out];
    const code = await main(argv, { stdout, stderr, env: { CI: 'true' }, executor: interruptingExecutor(3) });
    expect(code).toBe(130);

    const console = stdout.text();
    expect(console).toContain('STOPPED EARLY: 3 of 13 planned jobs ran');
    const row = (variant: string) => console.split('\n').find((line) => line.trimStart().startsWith(`${variant} `)) ?? '';
    expect(row('batched')).toContain('ok 1/3, 2 not run');
    expect(row('cached')).toContain('not run');
    expect(row('cached')).not.toContain('ok 0/0');

    const [runDir] = readdirSync(out);
    const markdown = readFileSync(path.join(out, runDir!, 'summary.md'), 'utf8');
    const title = markdown.split('\n')[0]!;
    expect(title).toContain('stopped early, 3 of 13 planned jobs ran');
    expect(title).not.toContain('✅');
    expect(markdown).toContain('Repeats ok / failed / not run');

    const results = JSON.parse(readFileSync(path.join(out, runDir!, 'results.json'), 'utf8')) as RunResults;
    const cachedTargets = results.targets!.checks.filter((c) => c.variant === 'cached' && c.scenario === 'mixed-70-20-10');
    for (const check of cachedTargets) expect(check.note).toContain('not run');
  });
});

/** Starts `npm run bench` as a user would (node + tsx), in its own temp folder, and collects its stderr. */
function startBench(out: string, tmp: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'harness/cli/bin.ts', '--scenario', 'mixed-70-20-10', '--quick', '--repeats', '3', '--out', out],
    { cwd: path.resolve('.'), env: { ...process.env, CI: 'true', TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const w of waiters.splice(0)) (stderr.includes(w.text) ? w.resolve : () => waiters.push(w))();
  });
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (text: string) =>
    new Promise<void>((resolve) => (stderr.includes(text) ? resolve() : waiters.push({ text, resolve })));
  return { child, exited, waitFor, stderr: () => stderr };
}

function expectReportOfFinishedJobs(out: string): void {
  const [runDir] = readdirSync(out);
  const results = JSON.parse(readFileSync(path.join(out, runDir!, 'results.json'), 'utf8')) as RunResults;
  expect(results.finishedAt).not.toBeNull();
  expect(results.results.length).toBeLessThan(results.jobs.length);
  expect(existsSync(path.join(out, runDir!, 'index.html'))).toBe(true);
  expect(readFileSync(path.join(out, runDir!, 'summary.md'), 'utf8')).toContain('stopped early');
}

describe('a run stopped at once', () => {
  it('SIGTERM kills the running job, removes its folder, writes the report of what finished and exits 143', async () => {
    const out = tempDir();
    const tmp = tempDir();
    const bench = startBench(out, tmp);
    // A job is running once its start line is printed ([3/13] is the second variant job).
    await bench.waitFor('[3/13]');
    bench.child.kill('SIGTERM');
    expect(await bench.exited).toBe(143);
    expect(bench.stderr()).toContain('Terminated (SIGTERM)');
    expectReportOfFinishedJobs(out);
    expect(readdirSync(tmp).filter((name) => name.startsWith('varbench-job-'))).toEqual([]);
  });

  it('a second Ctrl-C kills the running job, removes its folder, writes the report and exits 130', async () => {
    const out = tempDir();
    const tmp = tempDir();
    const bench = startBench(out, tmp);
    await bench.waitFor('[3/13]');
    bench.child.kill('SIGINT');
    await bench.waitFor('Interrupted: the running job finishes');
    bench.child.kill('SIGINT');
    expect(await bench.exited).toBe(130);
    expectReportOfFinishedJobs(out);
    expect(readdirSync(tmp).filter((name) => name.startsWith('varbench-job-'))).toEqual([]);
  });

  it('a job whose parent is killed outright (SIGKILL) removes its own folder and exits', async () => {
    const out = tempDir();
    const tmp = tempDir();
    const bench = startBench(out, tmp);
    await bench.waitFor('[3/13]');
    // The job's own process is running once it has put its store in its folder (the parent only makes the folder).
    const entries = (dir: string) => {
      try {
        return readdirSync(dir);
      } catch {
        return []; // removed meanwhile (a job that ended)
      }
    };
    const jobFolderInUse = () => entries(tmp).some((name) => name.startsWith('varbench-job-') && entries(path.join(tmp, name)).length > 0);
    while (!jobFolderInUse()) await new Promise((resolve) => setTimeout(resolve, 20));
    bench.child.kill('SIGKILL');
    await bench.exited;
    // The orphaned job notices the closed IPC channel; wait for its folder to go (the test's own timeout bounds the wait).
    while (readdirSync(tmp).some((name) => name.startsWith('varbench-job-'))) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readdirSync(tmp).filter((name) => name.startsWith('varbench-job-'))).toEqual([]);
  });
});
