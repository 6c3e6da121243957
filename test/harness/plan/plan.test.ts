import { describe, expect, it } from 'vitest';
import { planPairedRound, planRun, quickened } from '../../../harness/plan/plan.ts';
import { STORAGE_REFERENCE_VARIANT as REFERENCE_VARIANT } from '../../../harness/subjects/storage/subject.ts';
import mixed from '../../../scenarios/mixed-70-20-10.ts';

const ALL = ['naive', 'batched', 'pooled', 'cached'];

describe('planRun', () => {
  it('interleaves variants across repeats after one reference job', () => {
    const plan = planRun(mixed, { quick: false, variants: ['naive', 'cached'], repeats: 3 });
    expect(plan.jobs.map((j) => j.id)).toEqual([
      `${REFERENCE_VARIANT}#1`, 'naive#1', 'cached#1', 'naive#2', 'cached#2', 'naive#3', 'cached#3',
    ]);
    expect(plan.jobs.map((j) => j.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(plan.jobs[0]!.reference).toBe(true);
    expect(plan.jobs.slice(1).every((j) => !j.reference && j.scenario === 'mixed-70-20-10')).toBe(true);
  });

  it('defaults to the scenario repeats and every known variant', () => {
    const plan = planRun(mixed, { quick: false });
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
    expect(planRun(mixed, { quick: true, repeats: 2 }).repeats).toBe(2);
  });
});

describe('planRun with --profile', () => {
  it('adds one profiled job per variant and kind after every timed job, cpu and heap apart', () => {
    const plan = planRun(mixed, { quick: false, variants: ['naive', 'cached'], repeats: 2, profile: ['cpu', 'flame', 'heap'] });
    expect(plan.jobs.map((j) => j.id)).toEqual([
      'noop#1', 'naive#1', 'cached#1', 'naive#2', 'cached#2',
      'naive#cpu-profile', 'naive#heap-profile', 'cached#cpu-profile', 'cached#heap-profile',
    ]);
    const cpu = plan.jobs.find((j) => j.id === 'naive#cpu-profile')!;
    expect(cpu.profile).toEqual({ kind: 'cpu', flame: true, cpuSamplingIntervalUs: 100 });
    expect(plan.jobs.filter((j) => j.profile === null && !j.reference)).toHaveLength(4);
  });

  it('flame alone still takes the CPU profile it is drawn from', () => {
    const plan = planRun(mixed, { quick: true, variants: ['batched'], profile: ['flame'], cpuSamplingIntervalUs: 250 });
    expect(plan.jobs.map((j) => j.profile)).toEqual([null, null, { kind: 'cpu', flame: true, cpuSamplingIntervalUs: 250 }]);
  });
});

describe('planRun with --profile doctor', () => {
  it('adds a doctor job per variant only when named', () => {
    const plan = planRun(mixed, { quick: true, variants: ['batched'], profile: ['doctor'] });
    expect(plan.jobs.map((j) => j.id)).toEqual(['noop#1', 'batched#1', 'batched#doctor-profile']);
    expect(plan.jobs[2]!.profile!.kind).toBe('doctor');
  });
});

describe('planPairedRound', () => {
  it('pairs each variant with both sides, alternating which side goes first (ABBA over two rounds)', () => {
    const plan = planRun(mixed, { quick: false, variants: ['batched', 'cached'], repeats: 2 });
    const first = planPairedRound(plan, 1, 5);
    const second = planPairedRound(plan, 2, 9);
    expect(first.map((j) => j.id)).toEqual(['batched#1A', 'batched#1B', 'cached#1A', 'cached#1B']);
    expect(second.map((j) => j.id)).toEqual(['batched#2B', 'batched#2A', 'cached#2B', 'cached#2A']);
    expect(first.map((j) => j.index)).toEqual([5, 6, 7, 8]);
    expect([...first, ...second].every((j) => !j.reference && j.profile === null && j.repeat === (j.id.includes('#1') ? 1 : 2))).toBe(true);
  });
});
