import { STORAGE_CELLS } from '../../../harness/subjects/storage/gate-cells.ts';
import { describe, expect, it } from 'vitest';
import type { SampleCell } from '../../../harness/gate/cells.ts';
import { compareCells } from '../../../harness/gate/compare.ts';
import { describeReason } from '../../../harness/report/gate-wording.ts';
import { confirmRegressions, flaggedCells, poolCells } from '../../../harness/gate/confirmation.ts';

const cell = (variant: string, samples: readonly number[], metric = 'throughput'): SampleCell => ({ scenario: 's', variant, metric, samples });
const BASE = [1_000, 1_010, 990, 1_005, 995, 1_002];
const SLOW = BASE.slice(0, 3).map((x) => x * 0.7); // 30 % slower, 3 repeats

describe('flaggedCells', () => {
  it('flags regressions and suspects, with their variants once each', () => {
    // 3 vs 6 repeats, 30 % worse: min p = 2/84 < 0.05 for one cell, so cached regresses; batched is only 3 % worse.
    const first = compareCells(
      [cell('cached', SLOW), cell('batched', [980, 975, 985])],
      [cell('cached', BASE), cell('batched', BASE)], { metrics: STORAGE_CELLS },
    );
    const flagged = flaggedCells(first);
    expect(first.cells[0]!.verdict).toBe('regressed');
    expect(flagged.cells).toEqual(['s/cached/throughput']);
    expect(flagged.variants).toEqual(['cached']);
  });

  it('includes suspects (worse beyond the threshold but not significant)', () => {
    const first = compareCells([cell('cached', [700, 710])], [cell('cached', [1_000, 1_010])], { metrics: STORAGE_CELLS });
    expect(first.cells[0]!.suspect).toBe(true);
    expect(flaggedCells(first).cells).toEqual(['s/cached/throughput']);
  });
});

describe('poolCells', () => {
  it('appends confirmation samples to the same cell and keeps cells found on one side only', () => {
    const pooled = poolCells([cell('a', [1, 2]), cell('b', [3])], [cell('a', [4]), cell('c', [5])]);
    expect(pooled).toEqual([cell('a', [1, 2, 4]), cell('b', [3]), cell('c', [5])]);
  });
});

describe('confirmRegressions', () => {
  const baseline = [cell('cached', BASE)];

  it('confirms a regression that reproduces in the confirmation repeats', () => {
    const first = [cell('cached', SLOW)];
    const flagged = flaggedCells(compareCells(first, baseline, { metrics: STORAGE_CELLS }));
    const result = confirmRegressions(first, [cell('cached', [705, 698, 702])], baseline, flagged, { metrics: STORAGE_CELLS });
    expect(result.confirmed).toEqual(['s/cached/throughput']);
    expect(result.noise).toEqual([]);
    const final = result.comparison.cells[0]!;
    expect(final.verdict).toBe('regressed');
    expect(final.currentSamples).toHaveLength(6); // pooled
    expect(final.reason).toMatchObject({ code: 'confirmed', repeatsAlone: 3, pooled: { code: 'significant-change', direction: 'worse' } });
    expect(describeReason(final.reason)).toMatch(/reproduced in the confirmation round \(3 repeats alone: 0\.70×/);
    expect(result.comparison.counts.regressed).toBe(1);
  });

  it('calls a flagged regression noise when the confirmation repeats alone are back at the baseline', () => {
    const first = [cell('cached', SLOW)];
    const flagged = flaggedCells(compareCells(first, baseline, { metrics: STORAGE_CELLS }));
    // Pooled, 3 slow + 3 normal: the median moves back, and the repeats alone are within 5 %.
    const result = confirmRegressions(first, [cell('cached', [1_001, 996, 1_004])], baseline, flagged, { metrics: STORAGE_CELLS });
    expect(result.confirmed).toEqual([]);
    expect(result.noise).toEqual(['s/cached/throughput']);
    const final = result.comparison.cells[0]!;
    expect(final.verdict).toBe('unchanged');
    expect(final.reason.code).toMatch(/^noise-/);
    expect(describeReason(final.reason)).toMatch(/^noise: /);
    expect(result.comparison.counts.regressed).toBe(0);
  });

  it('a pooled regression that the repeats alone do not reproduce is noise, not a failure', () => {
    // Six very slow first repeats keep the pooled median (5th of 9) slow; the three confirmation repeats are normal.
    const first = [cell('cached', [400, 410, 405, 395, 402, 398])];
    const flagged = flaggedCells(compareCells(first, baseline, { metrics: STORAGE_CELLS }));
    const result = confirmRegressions(first, [cell('cached', [999, 1_003, 1_001])], baseline, flagged, { metrics: STORAGE_CELLS });
    expect(compareCells(poolCells(first, [cell('cached', [999, 1_003, 1_001])]), baseline, { metrics: STORAGE_CELLS }).cells[0]!.verdict).toBe('regressed');
    const final = result.comparison.cells[0]!;
    expect(final.verdict).toBe('unchanged');
    expect(result.noise).toEqual(['s/cached/throughput']);
    expect(final.reason).toMatchObject({ code: 'noise-not-reproduced', threshold: 0.05, pooled: { code: 'significant-change' } });
    expect(describeReason(final.reason)).toMatch(/not reproduced.*within the ±5% threshold/);
  });
});

describe('confirmRegressions: what the round may and may not conclude', () => {
  const baseline = [cell('cached', BASE), cell('batched', BASE)];

  it('never fails a cell the first round did not flag, even if the pooled repeats regress', () => {
    // Only cached is flagged; batched was within noise in the first round.
    const first = [cell('cached', SLOW), cell('batched', [1_001, 999, 1_003])];
    const flagged = flaggedCells(compareCells(first, baseline, { metrics: STORAGE_CELLS }));
    expect(flagged.cells).toEqual(['s/cached/throughput']);
    // The confirmation round happens to be slow for batched too (as if both had been re-run).
    const result = confirmRegressions(first, [cell('cached', [700, 705, 698, 702, 699, 701]), cell('batched', [600, 610, 605, 598, 602, 604])], baseline, flagged, { metrics: STORAGE_CELLS });
    const batched = result.comparison.cells.find((c) => c.variant === 'batched')!;
    expect(batched.verdict).toBe('unchanged');
    expect(batched.suspect).toBe(true);
    expect(batched.reason).toMatchObject({ code: 'not-flagged-first-round', pooled: { code: 'significant-change' } });
    expect(describeReason(batched.reason)).toMatch(/^not flagged in the first round/);
    expect(result.confirmed).toEqual(['s/cached/throughput']);
  });

  it('calls a flagged cell inconclusive, not noise, when it is worse again but the sample sizes cannot reach significance', () => {
    // 3-repeat baseline and gate: pooled 6 vs 3 gives min p = 1/42 ≈ 0.024, but over four cells Holm's first step needs p < 0.0125.
    const small = ['a', 'b', 'c', 'd'].map((v) => cell(v, [1_000, 1_010, 990]));
    const first = [cell('a', [500, 505, 495]), cell('b', [1_000, 1_010, 990]), cell('c', [1_000, 1_010, 990]), cell('d', [1_000, 1_010, 990])];
    const flagged = flaggedCells(compareCells(first, small, { metrics: STORAGE_CELLS }));
    expect(flagged.cells).toEqual(['s/a/throughput']);
    const result = confirmRegressions(first, [cell('a', [500, 498, 503])], small, flagged, { metrics: STORAGE_CELLS });
    expect(result.inconclusive).toEqual(['s/a/throughput']);
    expect(result.noise).toEqual([]);
    expect(result.confirmed).toEqual([]);
    const a = result.comparison.cells.find((c) => c.variant === 'a')!;
    expect(a.verdict).toBe('unchanged');
    expect(a.suspect).toBe(true);
    expect(a.reason).toMatchObject({ code: 'inconclusive', currentRepeats: 6, baselineRepeats: 3, familySize: 4 });
    expect(describeReason(a.reason)).toMatch(/^inconclusive: worse again in the confirmation round \(0\.50× the baseline\), but 6 vs 3 repeats cannot reach significance over 4 cells; use at least \d+ repeats per side/);
  });
});
