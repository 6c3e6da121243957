import { STORAGE_CELLS } from '../../../harness/subjects/storage/gate-cells.ts';
import { describe, expect, it } from 'vitest';
import { cellsFromResults, type SampleCell } from '../../../harness/gate/cells.ts';
import { compareCells, type CellComparison, type Comparison } from '../../../harness/gate/compare.ts';
import { describeReason } from '../../../harness/report/gate-wording.ts';
import { makeRunResults, type JobFixture } from '../../support/results-fixtures.ts';

function cell(variant: string, metric: string, samples: readonly number[], scenario = 'kv-mixed'): SampleCell {
  return { scenario, variant, metric, samples };
}

function only(comparison: Comparison): CellComparison {
  expect(comparison.cells).toHaveLength(1);
  return comparison.cells[0]!;
}

function find(comparison: Comparison, variant: string, metric = 'throughput'): CellComparison {
  const found = comparison.cells.find((c) => c.variant === variant && c.metric === metric);
  if (!found) throw new Error(`no cell ${variant}/${metric}`);
  return found;
}

const scale = (samples: readonly number[], factor: number) => samples.map((x) => x * factor);

// Five repeats with ~0.7 % spread: a quiet machine.
const BASE5 = [1_000, 1_010, 990, 1_005, 995];
const BASE3 = [1_000, 1_010, 990];

describe('compareCells verdicts on fixed samples', () => {
  it('A/A: interleaved samples from the same machine are unchanged', () => {
    const result = only(compareCells([cell('cached', 'throughput', [1_002, 998, 1_008, 992, 1_001])], [cell('cached', 'throughput', BASE5)], { metrics: STORAGE_CELLS }));
    expect(result.verdict).toBe('unchanged');
    expect(result.effect).toBe('within noise');
    expect(result.suspect).toBe(false);
    expect(result.ratio).toBeCloseTo(1_001 / 1_000, 12);
    expect(result.pValue!).toBeGreaterThan(0.5);
    expect(result.reason).toMatchObject({ code: 'within-noise', threshold: 0.05, correction: 'holm' });
    expect(describeReason(result.reason)).toMatch(/within the ±5% noise threshold/);
  });

  it('2x slower with 5 vs 5 repeats: regressed, p = 2/252, interval entirely below 1', () => {
    const comparison = compareCells([cell('cached', 'throughput', scale(BASE5, 0.5))], [cell('cached', 'throughput', BASE5)], { metrics: STORAGE_CELLS });
    const result = only(comparison);
    expect(result.verdict).toBe('regressed');
    expect(result.effect).toBe('worse');
    expect(result.ratio).toBeCloseTo(0.5, 12);
    expect(result.pValue).toBeCloseTo(2 / 252, 15);
    expect(result.adjustedPValue).toBeCloseTo(2 / 252, 15); // a family of one
    expect(result.interval!.high).toBeLessThan(1);
    expect(result.reason).toMatchObject({ code: 'significant-change', direction: 'worse', alpha: 0.05, currentRepeats: 5, baselineRepeats: 5 });
    expect(describeReason(result.reason)).toMatch(/0\.50× the baseline: 50\.0% worse.*significant/);
    expect(comparison.note).toBeNull();
    expect(comparison.counts).toEqual({ regressed: 1, improved: 0, unchanged: 0, 'not comparable': 0 });
  });

  it('2x faster: improved', () => {
    expect(only(compareCells([cell('cached', 'throughput', scale(BASE5, 2))], [cell('cached', 'throughput', BASE5)], { metrics: STORAGE_CELLS })).verdict).toBe('improved');
  });

  it('2x slower with 3 vs 3 repeats: cannot be significant (min p = 0.1), so unchanged, suspect, and the note says why', () => {
    const comparison = compareCells([cell('cached', 'throughput', scale(BASE3, 0.5))], [cell('cached', 'throughput', BASE3)], { metrics: STORAGE_CELLS });
    const result = only(comparison);
    expect(result.verdict).toBe('unchanged');
    expect(result.effect).toBe('worse');
    expect(result.suspect).toBe(true);
    expect(result.pValue).toBeCloseTo(0.1, 15);
    expect(result.minimumPValue).toBeCloseTo(0.1, 15);
    expect(result.reason).toMatchObject({ code: 'not-significant', direction: 'worse', why: { code: 'sample-too-small', currentRepeats: 3, baselineRepeats: 3 } });
    expect(describeReason(result.reason)).toMatch(/3 vs 3 repeats cannot give p below 0\.1/);
    expect(comparison.repeatsNeeded).toBe(4);
    expect(comparison.note).toMatch(/1 of 1 cells can never be flagged: with 3 vs 3 repeats the smallest two-sided p .* is 0\.1/);
    expect(comparison.note).toMatch(/at least 4 repeats per side/);
  });

  it('4 vs 4 repeats are enough for a single comparison (min p = 2/70 = 0.029)', () => {
    const result = only(compareCells([cell('cached', 'throughput', [500, 505, 495, 502])], [cell('cached', 'throughput', [1_000, 1_010, 990, 1_005])], { metrics: STORAGE_CELLS }));
    expect(result.pValue).toBeCloseTo(2 / 70, 15);
    expect(result.verdict).toBe('regressed');
  });

  it('borderline: 3 % slower and fully separated is significant but within the 5 % threshold: unchanged', () => {
    const baseline = [1_000, 1_001, 1_002, 1_003, 1_004];
    const current = [970, 971, 972, 973, 974];
    const result = only(compareCells([cell('cached', 'throughput', current)], [cell('cached', 'throughput', baseline)], { metrics: STORAGE_CELLS }));
    expect(result.pValue).toBeCloseTo(2 / 252, 15);
    expect(result.ratio).toBeCloseTo(972 / 1_002, 12);
    expect(result.effect).toBe('within noise');
    expect(result.verdict).toBe('unchanged');
    expect(result.suspect).toBe(false);
  });

  it('a per-cell noise threshold of 1 % turns the same 3 % into a regression; other cells keep the default', () => {
    const baseline = [1_000, 1_001, 1_002, 1_003, 1_004];
    const current = [970, 971, 972, 973, 974];
    const comparison = compareCells(
      [cell('cached', 'throughput', current), cell('batched', 'throughput', current)],
      [cell('cached', 'throughput', baseline), cell('batched', 'throughput', baseline)],
      { metrics: STORAGE_CELLS, noiseThresholdOf: (key) => (key.variant === 'cached' ? 0.01 : undefined), correction: 'bh' },
    );
    expect(find(comparison, 'cached')).toMatchObject({ verdict: 'regressed', noiseThreshold: 0.01 });
    expect(find(comparison, 'batched')).toMatchObject({ verdict: 'unchanged', noiseThreshold: 0.05 });
  });

  it('thresholds are symmetric on a log scale: at 90 %, half the throughput fails just as twice the latency does', () => {
    const comparison = compareCells(
      [cell('cached', 'throughput', scale(BASE5, 0.5)), cell('cached', 'p99:get', scale(BASE5, 2)), cell('batched', 'throughput', scale(BASE5, 0.55))],
      [cell('cached', 'throughput', BASE5), cell('cached', 'p99:get', BASE5), cell('batched', 'throughput', BASE5)],
      { metrics: STORAGE_CELLS, noiseThreshold: 0.9, correction: 'bh' },
    );
    // 0.5 < 1 / 1.9 = 0.526: worse (with 1 - t it needed 0.1, a tenfold drop); 0.55 is within.
    expect(find(comparison, 'cached')).toMatchObject({ effect: 'worse', verdict: 'regressed' });
    expect(find(comparison, 'cached', 'p99:get')).toMatchObject({ effect: 'worse', verdict: 'regressed' });
    expect(find(comparison, 'batched')).toMatchObject({ effect: 'within noise', verdict: 'unchanged' });
  });

  it('a lower-is-better metric (p99 latency): twice as high regresses, half improves', () => {
    const comparison = compareCells(
      [cell('cached', 'p99:get', scale(BASE5, 2)), cell('batched', 'p99:get', scale(BASE5, 0.5))],
      [cell('cached', 'p99:get', BASE5), cell('batched', 'p99:get', BASE5)], { metrics: STORAGE_CELLS },
    );
    expect(find(comparison, 'cached', 'p99:get')).toMatchObject({ verdict: 'regressed', effect: 'worse', higherIsBetter: false, unit: 'ns' });
    expect(find(comparison, 'batched', 'p99:get')).toMatchObject({ verdict: 'improved', effect: 'better' });
  });
});

describe('multiple-testing correction', () => {
  const variants = Array.from({ length: 10 }, (_, i) => `v${i}`);
  const baseline = variants.map((v) => cell(v, 'throughput', BASE5));
  const current = variants.map((v) => cell(v, 'throughput', scale(BASE5, 0.5)));

  it('Holm: ten cells all 2x slower at 5 vs 5: each p = 0.0079 adjusts to 0.079, nothing is flagged, and the note says so', () => {
    const comparison = compareCells(current, baseline, { metrics: STORAGE_CELLS, correction: 'holm' });
    expect(comparison.familySize).toBe(10);
    for (const c of comparison.cells) {
      expect(c.pValue).toBeCloseTo(2 / 252, 15);
      expect(c.adjustedPValue).toBeCloseTo(20 / 252, 12);
      expect(c.verdict).toBe('unchanged');
      expect(c.suspect).toBe(true);
    }
    expect(comparison.repeatsNeeded).toBe(6);
    expect(comparison.note).toMatch(/With 10 comparisons a change in a single cell needs p < α\/10 = 0\.005 after Holm correction/);
    expect(comparison.note).toMatch(/5 vs 5 repeats cannot give p below 0\.0079, so Holm's first step can never pass and nothing can be flagged/);
    expect(comparison.note).toMatch(/at least 6 repeats per side/);
  });

  it('Benjamini-Hochberg: the same ten cells stay at 0.0079 and are all regressed', () => {
    const comparison = compareCells(current, baseline, { metrics: STORAGE_CELLS, correction: 'bh' });
    for (const c of comparison.cells) {
      expect(c.adjustedPValue).toBeCloseTo(2 / 252, 15);
      expect(c.verdict).toBe('regressed');
    }
    expect(comparison.counts.regressed).toBe(10);
    expect(comparison.note).toMatch(/these cells can only be flagged together with other significant cells/);
  });

  it('Holm with 6 vs 6 repeats: one regressed cell among five is still caught (5 × 2/924 = 0.011)', () => {
    const six = [1_000, 1_010, 990, 1_005, 995, 1_003];
    const names = ['a', 'b', 'c', 'd', 'e'];
    const comparison = compareCells(
      names.map((v) => cell(v, 'throughput', v === 'c' ? scale(six, 0.5) : [1_001, 1_009, 991, 1_004, 996, 1_002])),
      names.map((v) => cell(v, 'throughput', six)),
      { metrics: STORAGE_CELLS, correction: 'holm' },
    );
    expect(comparison.cells[0]).toMatchObject({ variant: 'c', verdict: 'regressed' });
    expect(comparison.cells[0]!.adjustedPValue).toBeCloseTo((5 * 2) / 924, 12);
    expect(comparison.counts).toMatchObject({ regressed: 1, unchanged: 4 });
    expect(comparison.note).toBeNull();
  });
});

describe('machine-speed normalisation', () => {
  it('on a machine twice as fast, twice the throughput and half the latency are unchanged; memory is not scaled', () => {
    const comparison = compareCells(
      [
        cell('cached', 'throughput', scale(BASE5, 2)),
        cell('cached', 'p99:get', scale(BASE5, 0.5)),
        cell('cached', 'peakHeapBytes', BASE5),
      ],
      [cell('cached', 'throughput', BASE5), cell('cached', 'p99:get', BASE5), cell('cached', 'peakHeapBytes', BASE5)],
      { metrics: STORAGE_CELLS, calibrationRatio: 2 },
    );
    for (const c of comparison.cells) {
      expect(c.verdict, c.metric).toBe('unchanged');
      expect(c.ratio!, c.metric).toBeCloseTo(1, 12);
    }
    expect(find(comparison, 'cached').currentSamples).toEqual(BASE5);
  });

  it('on a machine half as fast, half the throughput is unchanged, while an unnormalised comparison calls it a regression', () => {
    const current = [cell('cached', 'throughput', scale(BASE5, 0.5))];
    const baseline = [cell('cached', 'throughput', BASE5)];
    expect(only(compareCells(current, baseline, { metrics: STORAGE_CELLS, calibrationRatio: 0.5 })).verdict).toBe('unchanged');
    expect(only(compareCells(current, baseline, { metrics: STORAGE_CELLS })).verdict).toBe('regressed');
  });
});

describe('not comparable', () => {
  it('an incomparable environment makes every verdict "not comparable" but still shows the figures', () => {
    const comparison = compareCells([cell('cached', 'throughput', scale(BASE5, 0.5))], [cell('cached', 'throughput', BASE5)], { metrics: STORAGE_CELLS,
      comparability: { comparable: false, reasons: ['CPU model differs: baseline "A", now "B"'] },
    });
    const result = only(comparison);
    expect(result.verdict).toBe('not comparable');
    expect(result.reason).toMatchObject({ code: 'not-comparable', reasons: ['CPU model differs: baseline "A", now "B"'], inner: { code: 'significant-change' } });
    expect(describeReason(result.reason)).toMatch(/CPU model differs/);
    expect(result.ratio).toBeCloseTo(0.5, 12);
    expect(comparison.note).toMatch(/not comparable with the baseline: CPU model differs/);
    expect(comparison.counts['not comparable']).toBe(1);
  });

  it('cells on one side only, unknown metrics and zero baselines are not comparable; they stay out of the family', () => {
    const comparison = compareCells(
      [cell('pooled', 'throughput', BASE5), cell('cached', 'custom', BASE5), cell('cached', 'gcPauseMs', [1, 2, 3])],
      [cell('naive', 'throughput', BASE5), cell('cached', 'custom', BASE5), cell('cached', 'gcPauseMs', [0, 0, 0])], { metrics: STORAGE_CELLS },
    );
    const described = (variant: string, metric = 'throughput') => {
      const found = find(comparison, variant, metric);
      return { verdict: found.verdict, reason: found.reason, text: describeReason(found.reason) };
    };
    expect(described('naive')).toMatchObject({ verdict: 'not comparable', reason: { code: 'not-tested', problem: { code: 'not-measured' } }, text: expect.stringMatching(/not measured in this run/) });
    expect(described('pooled')).toMatchObject({ verdict: 'not comparable', reason: { code: 'not-tested', problem: { code: 'not-in-baseline' } }, text: expect.stringMatching(/not in the baseline/) });
    expect(described('cached', 'custom')).toMatchObject({ verdict: 'not comparable', reason: { problem: { code: 'unknown-metric', metric: 'custom' } }, text: expect.stringMatching(/unknown metric 'custom'/) });
    expect(described('cached', 'gcPauseMs')).toMatchObject({ verdict: 'not comparable', reason: { problem: { code: 'undefined-ratio', baselineMedian: 0 } }, text: expect.stringMatching(/baseline median is 0/) });
    expect(comparison.familySize).toBe(0);
  });

  it('an unknown metric is compared once its direction is given; all-zero on both sides is unchanged', () => {
    const comparison = compareCells(
      [cell('cached', 'custom', scale(BASE5, 2)), cell('cached', 'gcPauseMs', [0, 0, 0, 0, 0])],
      [cell('cached', 'custom', BASE5), cell('cached', 'gcPauseMs', [0, 0, 0, 0, 0])],
      { metrics: STORAGE_CELLS, higherIsBetter: { custom: false } },
    );
    expect(find(comparison, 'cached', 'custom').verdict).toBe('regressed');
    expect(find(comparison, 'cached', 'gcPauseMs')).toMatchObject({ verdict: 'unchanged', ratio: 1, pValue: 1, interval: null });
  });
});

describe('ordering, determinism and input checks', () => {
  it('sorts regressions first (worst first), then not comparable, improved, unchanged with suspects first', () => {
    const comparison = compareCells(
      [
        cell('same', 'throughput', BASE5),
        cell('slower', 'throughput', scale(BASE5, 0.7)),
        cell('faster', 'throughput', scale(BASE5, 1.5)),
        cell('halved', 'throughput', scale(BASE5, 0.5)),
        cell('suspect', 'throughput', scale(BASE3, 0.5)),
      ],
      [
        cell('same', 'throughput', BASE5),
        cell('slower', 'throughput', BASE5),
        cell('faster', 'throughput', BASE5),
        cell('halved', 'throughput', BASE5),
        cell('suspect', 'throughput', BASE3),
        cell('gone', 'throughput', BASE5),
      ],
      { metrics: STORAGE_CELLS, correction: 'bh' },
    );
    expect(comparison.cells.map((c) => `${c.variant}:${c.verdict}`)).toEqual([
      'halved:regressed',
      'slower:regressed',
      'gone:not comparable',
      'faster:improved',
      'suspect:unchanged',
      'same:unchanged',
    ]);
  });

  it('is deterministic: the same inputs give the same intervals; another seed may not', () => {
    const current = [cell('cached', 'throughput', [510, 480, 530, 495, 505])];
    const baseline = [cell('cached', 'throughput', BASE5)];
    expect(compareCells(current, baseline, { metrics: STORAGE_CELLS })).toEqual(compareCells(current, baseline, { metrics: STORAGE_CELLS }));
    expect(only(compareCells(current, baseline, { metrics: STORAGE_CELLS, seed: 7 })).interval).not.toBeNull();
  });

  it('rejects bad options and duplicate cells', () => {
    const cells = [cell('cached', 'throughput', BASE5)];
    expect(() => compareCells(cells, cells, { metrics: STORAGE_CELLS, alpha: 0 })).toThrow(/alpha must be in \(0, 1\)/);
    expect(() => compareCells(cells, cells, { metrics: STORAGE_CELLS, calibrationRatio: -1 })).toThrow(/calibrationRatio/);
    expect(() => compareCells(cells, cells, { metrics: STORAGE_CELLS, noiseThreshold: 1.5 })).toThrow(/noise threshold of kv-mixed\/cached\/throughput/);
    expect(() => compareCells([...cells, ...cells], cells, { metrics: STORAGE_CELLS })).toThrow(/current cells list kv-mixed\/cached\/throughput twice/);
  });
});

describe('from RunResults', () => {
  function run(throughputs: Record<string, readonly number[]>): JobFixture[] {
    const jobs: JobFixture[] = [];
    const repeats = Math.max(...Object.values(throughputs).map((t) => t.length));
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const [variant, values] of Object.entries(throughputs)) {
        jobs.push({ variant, repeat, measure: { throughputOpsPerSec: values[repeat]! } });
      }
    }
    return jobs;
  }

  it('flags the variant that got 2x slower and only that one (5 repeats, Holm over 3 throughput cells)', () => {
    const baseline = makeRunResults(run({ naive: [10_000, 10_100, 9_900, 10_050, 9_950], batched: [20_000, 20_200, 19_800, 20_100, 19_900], cached: [40_000, 40_400, 39_600, 40_200, 39_800] }));
    const current = makeRunResults(run({ naive: [10_020, 9_980, 10_080, 9_920, 10_010], batched: [20_050, 19_950, 20_150, 19_850, 20_000], cached: [20_000, 20_200, 19_800, 20_100, 19_900] }));
    const throughputOnly = (cells: ReturnType<typeof cellsFromResults>) => cells.filter((c) => c.metric === 'throughput');
    const comparison = compareCells(throughputOnly(cellsFromResults(current, STORAGE_CELLS)), throughputOnly(cellsFromResults(baseline, STORAGE_CELLS)), { metrics: STORAGE_CELLS });
    expect(comparison.familySize).toBe(3);
    expect(comparison.cells.map((c) => `${c.variant}:${c.verdict}`)).toEqual(['cached:regressed', 'naive:unchanged', 'batched:unchanged']);
    expect(comparison.cells[0]!.adjustedPValue).toBeCloseTo(3 * (2 / 252), 12);
  });
});
