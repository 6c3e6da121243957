/**
 * The real executor with real child processes: the paths by which a job
 * can go wrong must each become a result, never an exception or a hang.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_WORK_LIMIT_MS } from '../../support/real-work-limit.ts';
import { createChildExecutor } from '../../../harness/run/child-executor.ts';
import type { JobPayload, WorkerMessage } from '../../../harness/run/job.ts';
import { storageSubject } from '../../../harness/subjects/storage/subject.ts';
import { quickened } from '../../../harness/plan/plan.ts';
import mixed from '../../../scenarios/mixed-70-20-10.ts';
import type { StorageScenario } from '../../../harness/subjects/storage/scenario.ts';
import type { MeasureResult } from '../../../harness/subjects/storage/measure.ts';

const tiny = quickened(mixed);

function payload(variant: string, scenario: StorageScenario = tiny): JobPayload {
  return {
    job: { id: `${variant}#1`, index: 0, scenario: scenario.name, variant, repeat: 1, reference: false, profile: null },
    scenario,
    runDir: os.tmpdir(),
    subjectModule: storageSubject.module,
  };
}

describe('child executor', () => {
  it('runs a job in its own process and returns its measured result with progress on the way', async () => {
    const messages: WorkerMessage[] = [];
    const scenario = { ...tiny, dataset: { ...tiny.dataset, records: 500 }, workload: { ...tiny.workload, operations: 2_000 } };
    const result = await createChildExecutor().run(payload('batched', scenario), { timeoutMs: REAL_WORK_LIMIT_MS, onMessage: (m) => messages.push(m) });
    expect(result.error).toBeNull();
    expect(result.status).toBe('ok');
    expect((result.measure as MeasureResult).operations).toBeGreaterThan(0);
    expect(result.environment!.node).toBe(process.versions.node);
    expect(result.environment!.execArgv).toContain('--expose-gc');
    const phases = messages.filter((m) => m.type === 'progress').map((m) => (m as { phase: string }).phase);
    expect(phases).toEqual(expect.arrayContaining(['open', 'load', 'verify', 'warmup', 'measure', 'close']));
    expect(messages.at(-1)!.type).toBe('result');
  });

  it('turns an error inside the variant into a failed result naming the phase', async () => {
    const scenario = { ...tiny, settings: { batched: { batchMaxOps: -1 } } };
    const result = await createChildExecutor().run(payload('batched', scenario), { timeoutMs: REAL_WORK_LIMIT_MS, onMessage: () => {} });
    expect(result.status).toBe('failed');
    expect(result.error!.phase).toBe('open');
    expect(result.error!.message).toMatch(/batchMaxOps/);
    expect(result.environment).not.toBeNull();
  });

  it('turns a process that dies without a result into a failed result with its stderr', async () => {
    // A preloaded module that writes to stderr and exits stands in for a native crash.
    const crashing = createChildExecutor({
      extraNodeOptions: ['--import', 'data:text/javascript,process.stderr.write("simulated crash\\n");process.exit(7)'],
    });
    const result = await crashing.run(payload('naive'), { timeoutMs: REAL_WORK_LIMIT_MS, onMessage: () => {} });
    expect(result.status).toBe('failed');
    expect(result.error!.message).toMatch(/exited with code 7 without sending a result/);
    expect(result.error!.message).toContain('simulated crash');
    expect(result.measure).toBeNull();
  });

  /**
   * A preload that wraps the worker's process.send: when the worker is about
   * to announce `phase`, it runs `action` instead. This places a crash or a
   * hang at an exact point, whatever the machine's speed; the parent last
   * heard of the phase before it.
   */
  function atPhase(phase: string, action: string): string[] {
    const code =
      `const send = process.send.bind(process);` +
      `process.send = (m, ...rest) => { if (m && m.type === 'progress' && m.phase === '${phase}') { ${action} } return send(m, ...rest); };`;
    return ['--import', `data:text/javascript,${encodeURIComponent(code)}`];
  }

  it('turns a process killed mid-run into a failed result naming the signal and phase, leaving no files behind', async () => {
    const scratchRoot = mkdtempSync(path.join(os.tmpdir(), 'varbench-scratch-test-'));
    const killed = createChildExecutor({
      scratchRoot,
      extraNodeOptions: atPhase('warmup', `process.stderr.write('TMPDIR=' + process.env.TMPDIR + '\\n'); process.kill(process.pid, 'SIGKILL');`),
    });
    const result = await killed.run(payload('batched'), { timeoutMs: REAL_WORK_LIMIT_MS, onMessage: () => {} });
    expect(result.status).toBe('failed');
    expect(result.error!.message).toMatch(/was killed by SIGKILL during its verify phase/);
    expect(result.error!.phase).toBe('verify');
    // The job's temp folder (where its store made its database) was inside the scratch root...
    expect(result.error!.message).toContain(`TMPDIR=${path.join(scratchRoot, 'varbench-job-')}`);
    // ...and the killed store never closed, yet nothing is left of it.
    expect(readdirSync(scratchRoot)).toEqual([]);
    rmSync(scratchRoot, { recursive: true, force: true });
  });

  /** Blocks the worker's thread for good. */
  const HANG = 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);';

  it('kills a job that runs past its time limit and reports the phase it was in', async () => {
    // The limit runs out as soon as the parent hears that warmup began, and the
    // worker hangs before it could announce measure: the job is in its warmup
    // phase when it is killed, however slow or busy the machine. (A real 4 s
    // limit raced the job's start-up and loading on a loaded machine.)
    const limits: number[] = [];
    let expire: (() => void) | undefined;
    const hanging = createChildExecutor({
      extraNodeOptions: atPhase('measure', HANG),
      timeLimit: (timeoutMs, onExpired) => {
        limits.push(timeoutMs);
        expire = onExpired;
        return () => {};
      },
    });
    const result = await hanging.run(payload('batched'), {
      timeoutMs: 4_000,
      onMessage: (m) => {
        if (m.type === 'progress' && m.phase === 'warmup') expire!();
      },
    });
    expect(limits).toEqual([4_000]);
    expect(result.status).toBe('timeout');
    expect(result.error!.message).toMatch(/timed out after 4 s .* during its warmup phase/);
    expect(result.error!.phase).toBe('warmup');
  });

  it('enforces the time limit on the wall clock by default', async () => {
    // Hangs as the worker is about to announce its first phase, so only the
    // limit can end it, and what it last heard is the start whenever it fires.
    const hanging = createChildExecutor({ extraNodeOptions: atPhase('open', HANG) });
    const result = await hanging.run(payload('batched'), { timeoutMs: 1_000, onMessage: () => {} });
    expect(result.status).toBe('timeout');
    expect(result.error!.message).toMatch(/timed out after 1 s .* during its start phase/);
    expect(result.error!.phase).toBe('start');
  });
});
