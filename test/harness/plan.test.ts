import { describe, expect, it } from 'vitest';
import { planRun, quickened, REFERENCE_VARIANT } from '../../harness/plan.ts';
import mixed from '../../scenarios/mixed-70-20-10.ts';

const ALL = ['naive', 'batched', 'pooled', 'cached'];

describe('planRun', () => {
  it('interleaves variants across repeats after one reference job', () => {
    const plan = planRun(mixed, { quick: false, variants: ['naive', 'cached'], repeats: 3 }, ALL);
    expect(plan.jobs.map((j) => j.id)).toEqual([
      `${REFERENCE_VARIANT}#1`, 'naive#1', 'cached#1', 'naive#2', 'cached#2', 'naive#3', 'cached#3',
    ]);
    expect(plan.jobs.map((j) => j.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(plan.jobs[0]!.reference).toBe(true);
    expect(plan.jobs.slice(1).every((j) => !j.reference && j.scenario === 'mixed-70-20-10')).toBe(true);
  });

  it('defaults to the scenario repeats and every known variant', () => {
    const plan = planRun(mixed, { quick: false }, ALL);
    expect(plan.repeats).toBe(3);
    expect(plan.variants).toEqual(ALL);
    expect(plan.jobs).toHaveLength(1 + 3 * 4);
    expect(plan.scenario.variants).toEqual(ALL);
  });

  it('--quick shrinks the work but keeps the workload shape', () => {
    const quick = quickened(mixed);
    expect(quick.dataset.records).toBe(5_000);
    expect(quick.workload.operations).toBe(20_000);
    expect(quick.workload.durationMs).toBe(300);
    expect(quick.repeats).toBe(1);
    expect(quick.workload.mix).toEqual(mixed.workload.mix);
    expect(quick.dataset.keyDistribution).toEqual(mixed.dataset.keyDistribution);
    // --repeats still wins over --quick's single repeat.
    expect(planRun(mixed, { quick: true, repeats: 2 }, ALL).repeats).toBe(2);
  });
});
