import { describe, expect, it } from 'vitest';
import {
  bootstrapInterval,
  bootstrapRatioInterval,
  coefficientOfVariation,
  estimate,
  mean,
  median,
  medianInterval,
  quantile,
  sampleStdDev,
} from '../../../harness/stats/descriptive.ts';
import { Prng } from '../../../lib/prng.ts';

describe('quantile (type 7, as numpy.quantile default / R quantile default)', () => {
  // Expected values: h = (n - 1) q; x[floor h] + frac(h) (x[floor h + 1] - x[floor h]),
  // which is what numpy.quantile(x, q) returns for these arrays.
  it.each([
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 0.25, 1.75],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.75, 3.25],
    [[1, 2, 3, 4], 0.9, 3.7],
    [[1, 2, 3, 4], 1, 4],
    [[10, 20, 30, 40, 50], 0.1, 14],
    [[1, 3, 3, 6, 7, 8, 9], 0.25, 3],
    [[1, 3, 3, 6, 7, 8, 9], 0.5, 6],
    [[1, 3, 3, 6, 7, 8, 9], 0.75, 7.5],
    [[7], 0.3, 7],
  ])('quantile(%j, %d) = %d', (sorted, q, expected) => {
    expect(quantile(sorted, q)).toBeCloseTo(expected, 12);
  });

  it('returns order statistics exactly when h is an integer', () => {
    expect(quantile([0.1, 0.2, 0.7], 0.5)).toBe(0.2);
    expect(quantile([0.1, 0.2, 0.7], 1)).toBe(0.7);
  });

  it('rejects unsorted input, q outside [0, 1], empty and non-finite samples', () => {
    expect(() => quantile([3, 1, 2], 0.5)).toThrow(/sorted ascending/);
    expect(() => quantile([1, 2], 1.5)).toThrow(/q must be in \[0, 1\]/);
    expect(() => quantile([1, 2], -0.1)).toThrow(RangeError);
    expect(() => quantile([], 0.5)).toThrow(/empty/);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(/NaN/);
  });
});

describe('descriptive statistics', () => {
  it('median sorts a copy and interpolates for even n', () => {
    const odd = Object.freeze([3, 1, 2]);
    expect(median(odd)).toBe(2);
    expect(odd).toEqual([3, 1, 2]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
  });

  it('mean', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([-1, 1])).toBe(0);
  });

  it('sampleStdDev uses n - 1 (population SD of this sample would be exactly 2)', () => {
    expect(sampleStdDev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleStdDev([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(sampleStdDev([42])).toBe(0);
    expect(sampleStdDev([3, 3, 3])).toBe(0);
  });

  it('coefficientOfVariation = sd / mean, 0 without spread', () => {
    expect(coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7) / 5, 12);
    expect(coefficientOfVariation([10])).toBe(0);
    expect(coefficientOfVariation([0, 0, 0])).toBe(0);
    expect(coefficientOfVariation([-1, 1])).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects empty and non-finite input', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => mean([1, Number.POSITIVE_INFINITY])).toThrow(/Infinity/);
    expect(() => sampleStdDev([])).toThrow(RangeError);
  });
});

// Deterministic pseudo-measurements: 20 values around 100 with a fixed pattern.
const spread = [-9, 4, -3, 7, 0, -6, 2, 8, -1, 5, -8, 3, -4, 6, 1, -7, 9, -2, -5, 10];
const wide = spread.map((d) => 100 + d);
const tight = spread.map((d) => 100 + d / 10);

describe('bootstrapInterval (percentile bootstrap, seeded)', () => {
  it('is reproducible: same seed, same interval', () => {
    const a = bootstrapInterval(wide, median, { seed: 7 });
    const b = bootstrapInterval([...wide], median, { seed: 7 });
    expect(a).toEqual(b);
  });

  it('depends on the seed', () => {
    const a = bootstrapInterval(wide, mean, { seed: 7 });
    const b = bootstrapInterval(wide, mean, { seed: 8 });
    expect(a).not.toEqual(b);
  });

  it('contains the sample median and lies within [min, max]', () => {
    const interval = bootstrapInterval(wide, median, { seed: 1 });
    expect(interval.confidence).toBe(0.95);
    expect(interval.low).toBeLessThanOrEqual(median(wide));
    expect(interval.high).toBeGreaterThanOrEqual(median(wide));
    expect(interval.low).toBeGreaterThanOrEqual(Math.min(...wide));
    expect(interval.high).toBeLessThanOrEqual(Math.max(...wide));
    expect(interval.high).toBeGreaterThan(interval.low);
  });

  it('is narrower for tighter data (10x less spread, same draws -> 10x narrower)', () => {
    const w = bootstrapInterval(wide, median, { seed: 3 });
    const t = bootstrapInterval(tight, median, { seed: 3 });
    expect(t.high - t.low).toBeLessThan(w.high - w.low);
    expect((t.high - t.low) * 10).toBeCloseTo(w.high - w.low, 9);
  });

  it('is narrower at lower confidence', () => {
    const c99 = bootstrapInterval(wide, median, { seed: 3, confidence: 0.99 });
    const c50 = bootstrapInterval(wide, median, { seed: 3, confidence: 0.5 });
    expect(c50.low).toBeGreaterThanOrEqual(c99.low);
    expect(c50.high).toBeLessThanOrEqual(c99.high);
    expect(c50.high - c50.low).toBeLessThan(c99.high - c99.low);
  });

  it('with 3 repeats the 95 % interval of the median is the sample range (why the report shows min/max)', () => {
    // Each extreme is the resampled median with probability 7/27, far beyond the 2.5 % tails.
    expect(bootstrapInterval([12, 10, 11], median, { seed: 5 })).toEqual({ low: 10, high: 12, confidence: 0.95 });
  });

  it('the median interval of estimate() is the order-statistic one, labelled with its exact coverage', () => {
    // 3 repeats: [min, max] covers the median 1 - 2/8 = 75 % of the time, and says so.
    expect(estimate([12, 10, 11]).interval).toEqual({ low: 10, high: 12, confidence: 0.75 });
    expect(medianInterval([1, 2, 3, 4, 5])).toEqual({ low: 1, high: 5, confidence: 1 - 2 / 32 });
    // 6 repeats reach 95 %: [x(1), x(6)] covers 1 - 2/64 = 96.9 %; [x(2), x(5)] only 78 %.
    expect(medianInterval([1, 2, 3, 4, 5, 6])).toEqual({ low: 1, high: 6, confidence: 1 - 2 / 64 });
    // 12 repeats: k = 3 (P(Bin(12, ½) <= 2) = 79/4096, coverage 96.1 %); k = 4 would give 85.4 %.
    const twelve = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(medianInterval(twelve)).toEqual({ low: 3, high: 10, confidence: 1 - (2 * 79) / 4096 });
  });

  it('the order-statistic interval covers the true median as often as it says (simulation)', () => {
    const prng = new Prng(99);
    for (const n of [3, 5, 8]) {
      let covered = 0;
      const trials = 4_000;
      let claimed = 0;
      for (let t = 0; t < trials; t++) {
        // Exponential draws: skewed like run times; true median ln 2.
        const sample = Array.from({ length: n }, () => -Math.log(1 - prng.nextFloat())).sort((a, b) => a - b);
        const interval = medianInterval(sample);
        claimed = interval.confidence;
        if (interval.low <= Math.LN2 && Math.LN2 <= interval.high) covered++;
      }
      expect(Math.abs(covered / trials - claimed), `n = ${n}`).toBeLessThan(0.025);
    }
  });

  it('does not mutate its input', () => {
    const samples = Object.freeze([5, 1, 4, 2, 3]);
    bootstrapInterval(samples, median, { seed: 1, resamples: 100 });
    expect(samples).toEqual([5, 1, 4, 2, 3]);
  });

  it('rejects bad options with the value it got', () => {
    expect(() => bootstrapInterval(wide, median, { confidence: 1 })).toThrow(/confidence must be in \(0, 1\)/);
    expect(() => bootstrapInterval(wide, median, { resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapInterval(wide, median, { seed: 0.5 })).toThrow(/seed/);
    expect(() => bootstrapInterval([], median)).toThrow(/empty/);
  });
});

describe('bootstrapRatioInterval', () => {
  const baseline = [100, 101, 99, 100.5, 99.5];
  const twiceAsFast = [200, 202, 198, 201, 199];

  it('gives ratio 2 for clearly 2x data, with an interval around 2 that excludes 1', () => {
    const { ratio, interval } = bootstrapRatioInterval(twiceAsFast, baseline, { seed: 11 });
    expect(ratio).toBe(2);
    expect(interval).not.toBeNull();
    expect(interval!.low).toBeGreaterThan(1);
    expect(interval!.low).toBeLessThanOrEqual(2);
    expect(interval!.high).toBeGreaterThanOrEqual(2);
    // No resample can leave the range of ratios of observed values.
    expect(interval!.low).toBeGreaterThanOrEqual(198 / 101);
    expect(interval!.high).toBeLessThanOrEqual(202 / 99);
  });

  it('is reproducible', () => {
    expect(bootstrapRatioInterval(twiceAsFast, baseline, { seed: 11 })).toEqual(
      bootstrapRatioInterval(twiceAsFast, baseline, { seed: 11 }),
    );
  });

  it('has an interval containing 1 for indistinguishable data', () => {
    const { interval } = bootstrapRatioInterval([99, 101, 100], [100, 98, 102], { seed: 2 });
    expect(interval!.low).toBeLessThan(1);
    expect(interval!.high).toBeGreaterThan(1);
  });

  it('gives no interval when a side has a single sample', () => {
    expect(bootstrapRatioInterval([300], baseline)).toEqual({ ratio: 3, interval: null });
  });

  it('rejects non-positive denominators', () => {
    expect(() => bootstrapRatioInterval([1, 2], [1, 0])).toThrow(/denominator samples must be > 0/);
  });
});

describe('estimate', () => {
  it('summarises repeats with a CI of the median', () => {
    const e = estimate([10_200, 9_800, 10_000]);
    expect(e).toMatchObject({ n: 3, median: 10_000, mean: 10_000, min: 9_800, max: 10_200 });
    expect(e.cv).toBeCloseTo(200 / 10_000, 12);
    expect(e.interval).toEqual({ low: 9_800, high: 10_200, confidence: 0.75 }); // [min, max] of 3 covers the median 75 % of the time
  });

  it('has no interval and cv 0 for one sample', () => {
    expect(estimate([7])).toEqual({ n: 1, median: 7, mean: 7, min: 7, max: 7, cv: 0, interval: null });
  });

  it('is deterministic with the default seed', () => {
    expect(estimate(wide)).toEqual(estimate(wide));
  });

  it('rejects an empty sample', () => {
    expect(() => estimate([])).toThrow(/empty/);
  });
});
