import { describe, expect, it } from 'vitest';
import type { JobPayload } from '../../../harness/run/job.ts';
import { planRun } from '../../../harness/plan/plan.ts';
import type { JobResult } from '../../../harness/core/results.ts';
import { runPlan, type JobExecutor } from '../../../harness/run/runner.ts';
import mixed from '../../../scenarios/mixed-70-20-10.ts';

function fakeResult(payload: JobPayload, status: JobResult['status']): JobResult {
  return {
    ...payload.job, status, startedAt: '2026-01-01T00:00:00.000Z', wallMs: 1, environment: null, phases: null, measure: null,
    error: status === 'ok' ? null : { message: 'boom', phase: 'measure' },
  };
}

describe('runPlan', () => {
  const plan = planRun(mixed, { quick: true, variants: ['naive', 'batched'], repeats: 2 });

  it('runs every job once, in plan order, and goes on after a failure', async () => {
    const seen: string[] = [];
    const executor: JobExecutor = {
      run: async (payload) => {
        seen.push(payload.job.id);
        expect(payload.scenario).toBe(plan.scenario);
        return fakeResult(payload, payload.job.id === 'naive#1' ? 'failed' : 'ok');
      },
    };
    const persisted: number[] = [];
    const results = await runPlan(plan, { executor, runDir: '/tmp/unused' }, { onJobDone: (_, finished) => void persisted.push(finished.length) });
    expect(seen).toEqual(plan.jobs.map((j) => j.id));
    expect(results.map((r) => r.status)).toEqual(['ok', 'failed', 'ok', 'ok', 'ok']);
    expect(persisted).toEqual([1, 2, 3, 4, 5]);
  });

  it('passes the scenario timeout and stops early when asked', async () => {
    const timeouts: number[] = [];
    const executor: JobExecutor = {
      run: async (payload, { timeoutMs }) => {
        timeouts.push(timeoutMs);
        return fakeResult(payload, 'ok');
      },
    };
    let count = 0;
    const results = await runPlan({ ...plan, scenario: { ...plan.scenario, timeoutMs: 5_000 } }, { executor, runDir: '/tmp/unused' }, {
      onJobDone: () => void (count += 1),
      shouldStop: () => count >= 2,
    });
    expect(results).toHaveLength(2);
    expect(timeouts).toEqual([5_000, 5_000]);
  });
});
