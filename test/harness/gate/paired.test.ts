import { describe, expect, it } from 'vitest';
import { analysePairs, decide, minimumPairs } from '../../../harness/gate/paired.ts';
import { STORAGE_CELLS } from '../../../harness/subjects/storage/gate-cells.ts';
import { makeRunResults, type JobFixture } from '../../support/results-fixtures.ts';

/** A small, fixed wobble per pair (no randomness): pair i's B is off by wobble[i] on top of the change. */
const WOBBLE = [0.004, -0.006, 0.002, -0.001, 0.005, -0.003, 0.001, -0.004, 0.003, -0.002, 0.006, -0.005];

/**
 * Pairs of one variant where B's CPU time per op is `cpuChange` times A's and
 * B's throughput `rateChange` times A's (each with the wobble), A's own
 * values drifting pair to pair as a shared machine does.
 */
function pairs(variant: string, n: number, cpuChange: number, rateChange: number, spread = 1): JobFixture[] {
  return Array.from({ length: n }, (_, i) => {
    const drift = 1 + 0.15 * Math.sin(i); // both sides of a pair see the same machine
    const wobble = 1 + spread * WOBBLE[i % WOBBLE.length]!;
    return (['A', 'B'] as const).map((side) => ({
      variant,
      repeat: i + 1,
      side,
      measure: {
        throughputOpsPerSec: (100_000 / drift) * (side === 'B' ? rateChange * wobble : 1),
        cpuPerOpNs: 8_000 * drift * (side === 'B' ? cpuChange * wobble : 1),
      },
    }));
  }).flat();
}

const SETTINGS = { threshold: 0.05, alpha: 0.05, metrics: ['throughput', 'cpu'] };

describe('analysePairs', () => {
  it('finds a 10 % slowdown of one variant worse and leaves the other the same, despite drift shared by each pair', () => {
    const run = makeRunResults([...pairs('batched', 12, 1, 1), ...pairs('cached', 12, 1.1, 1 / 1.1)]);
    const { cells, outcome } = analysePairs(run, STORAGE_CELLS, SETTINGS);
    const byId = Object.fromEntries(cells.map((c) => [`${c.variant}/${c.metric}`, c]));
    expect(byId['cached/cpu']!.decision).toBe('worse');
    expect(byId['cached/cpu']!.ratio).toBeCloseTo(1.1, 2);
    expect(byId['cached/cpu']!.lower!).toBeGreaterThan(1.05);
    expect(byId['cached/throughput']!.decision).toBe('worse');
    expect(byId['cached/throughput']!.ratio).toBeLessThan(1 / 1.05);
    // A rate's interval is in its own direction: lower < ratio < upper, all below 1.
    expect(byId['cached/throughput']!.lower!).toBeLessThan(byId['cached/throughput']!.ratio);
    expect(byId['cached/throughput']!.upper!).toBeLessThan(1 / 1.05);
    expect(byId['batched/cpu']!.decision).toBe('same');
    expect(byId['batched/throughput']!.decision).toBe('same');
    expect(outcome).toBe('regressed');
    expect(byId['cached/cpu']!.pairs).toHaveLength(12);
    expect(byId['cached/cpu']!.adjustedPValue).toBeGreaterThanOrEqual(byId['cached/cpu']!.pValue);
  });

  it('passes an unchanged tree whose pairs agree, and calls a real speed-up better', () => {
    const same = analysePairs(makeRunResults([...pairs('batched', 12, 1, 1), ...pairs('cached', 12, 1, 1)]), STORAGE_CELLS, SETTINGS);
    expect(same.cells.map((c) => c.decision)).toEqual(['same', 'same', 'same', 'same']);
    expect(same.outcome).toBe('pass');
    const faster = analysePairs(makeRunResults(pairs('cached', 12, 0.8, 1.25)), STORAGE_CELLS, SETTINGS);
    expect(faster.cells.map((c) => c.decision)).toEqual(['better', 'better']);
    expect(faster.outcome).toBe('pass');
  });

  it('leaves a cell undecided when its interval straddles the threshold, and says how many pairs would decide it', () => {
    // A 5 % change measured with ±0.6 % wobble: the interval holds 1.05.
    const { cells, outcome } = analysePairs(makeRunResults(pairs('cached', 12, 1.05, 1)), STORAGE_CELLS, { ...SETTINGS, metrics: ['cpu'] });
    expect(cells[0]!.decision).toBe('undecided');
    expect(cells[0]!.pairsNeeded).toBeNull(); // it sits on the threshold
    expect(outcome).toBe('undecided');
    // A 3.5 % change with ±5 % wobble: the interval reaches past 5 %, and more pairs would narrow it.
    const near = analysePairs(makeRunResults(pairs('cached', 12, 1.035, 1, 8)), STORAGE_CELLS, { ...SETTINGS, metrics: ['cpu'] });
    expect(near.cells[0]!.decision).toBe('undecided');
    expect(near.cells[0]!.pairsNeeded).toBeGreaterThan(12);
  });

  it('needs a pair from each side: lone jobs and failed jobs are not compared', () => {
    const jobs = pairs('cached', 10, 1, 1);
    const run = makeRunResults([...jobs.slice(0, -1), { variant: 'cached', repeat: 10, side: 'B', status: 'failed' }]);
    const { cells } = analysePairs(run, STORAGE_CELLS, SETTINGS);
    expect(cells[0]!.pairs).toHaveLength(9);
  });

  it('gives unbounded intervals, undecided, when there are too few pairs for the family', () => {
    const { cells } = analysePairs(makeRunResults(pairs('cached', 4, 2, 0.5)), STORAGE_CELLS, SETTINGS);
    expect(cells.every((c) => c.lower === null && c.upper === null && c.decision === 'undecided')).toBe(true);
    expect(cells[0]!.pairsNeeded).toBe(minimumPairs(2, 0.05));
  });
});

describe('decide', () => {
  const t = Math.log1p(0.05);
  it('is symmetric on a log scale', () => {
    expect(decide(t * 1.01, t * 3, t)).toBe('worse');
    expect(decide(-t * 3, -t * 1.01, t)).toBe('better');
    expect(decide(-t * 0.9, t * 0.9, t)).toBe('same');
    expect(decide(t * 0.5, t * 1.5, t)).toBe('undecided');
    expect(decide(-Infinity, Infinity, t)).toBe('undecided');
  });
});

describe('minimumPairs', () => {
  it('grows with the number of cells (Bonferroni)', () => {
    expect(minimumPairs(1, 0.05)).toBe(8);
    expect(minimumPairs(4, 0.05)).toBe(10);
  });
});
