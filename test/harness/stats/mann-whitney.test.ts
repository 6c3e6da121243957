import { describe, expect, it } from 'vitest';
import {
  EXACT_MAX_TOTAL,
  mannWhitneyU,
  minimumTwoSidedPValue,
  repeatsForSignificance,
} from '../../../harness/stats/mann-whitney.ts';

/**
 * Expected values from scipy.stats.mannwhitneyu(x, y, alternative='two-sided')
 * (scipy 1.17.1; method 'exact' without ties, 'asymptotic' for the large
 * samples), and for small samples with ties from a brute-force enumeration of
 * all C(n1+n2, n1) splits of the midranks (the exact conditional test).
 */
describe('mannWhitneyU, exact without ties (= scipy method="exact")', () => {
  it('3 vs 3 fully separated: U = 0, p = 2/C(6,3) = 0.1', () => {
    const result = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    expect(result).toMatchObject({ n1: 3, n2: 3, u: 0, method: 'exact', ties: false, z: null, probabilityOfSuperiority: 0 });
    expect(result.pValue).toBeCloseTo(0.1, 15);
  });

  it('5 vs 5 fully separated: p = 2/252 = 0.0079365', () => {
    const result = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(result.u).toBe(0);
    expect(result.pValue).toBeCloseTo(2 / 252, 15);
    expect(result.pValue).toBeCloseTo(0.007936507936507936, 15);
  });

  it('is symmetric in direction: separated the other way gives U = n1·n2 and the same p', () => {
    const result = mannWhitneyU([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
    expect(result.u).toBe(25);
    expect(result.probabilityOfSuperiority).toBe(1);
    expect(result.pValue).toBeCloseTo(2 / 252, 15);
  });

  it.each([
    { x: [1.1, 2.2, 3.3, 4.4], y: [5.5, 6.6, 7.7, 8.8], u: 0, p: 0.02857142857142857 },
    { x: [1, 3, 5, 7, 9], y: [2, 4, 6, 8, 10], u: 10, p: 0.6904761904761905 },
    { x: [19, 22, 16, 29, 24], y: [20, 11, 17, 12], u: 17, p: 0.1111111111111111 },
  ])('U = $u, p = $p (scipy)', ({ x, y, u, p }) => {
    const result = mannWhitneyU(x, y);
    expect(result.method).toBe('exact');
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(p, 14);
  });

  it('caps p at 1 for a perfectly central U', () => {
    expect(mannWhitneyU([1, 4], [2, 3]).pValue).toBe(1);
  });
});

describe('mannWhitneyU, exact with ties (conditional on the midranks)', () => {
  it('3 vs 3, each side tied within itself: p = 0.1 (scipy\'s normal approximation says 0.0469)', () => {
    const result = mannWhitneyU([1, 1, 1], [2, 2, 2]);
    expect(result).toMatchObject({ u: 0, ties: true, method: 'exact' });
    expect(result.pValue).toBeCloseTo(0.1, 15);
  });

  it('ties across the samples: U counts a tie as one half; p from enumeration = 10/63', () => {
    const result = mannWhitneyU([1, 2, 2, 3], [2, 3, 3, 4, 5]);
    expect(result.u).toBe(3);
    expect(result.ties).toBe(true);
    expect(result.pValue).toBeCloseTo(0.15873015873015872, 14);
  });

  it('all values equal: no evidence, p = 1', () => {
    expect(mannWhitneyU([7, 7, 7], [7, 7]).pValue).toBe(1);
  });
});

describe('mannWhitneyU, normal approximation (= scipy method="asymptotic")', () => {
  it(`is used above ${EXACT_MAX_TOTAL} pooled values, with continuity correction`, () => {
    const x = Array.from({ length: 30 }, (_, i) => i * 1.5);
    const y = Array.from({ length: 30 }, (_, i) => i * 1.5 + 7);
    const result = mannWhitneyU(x, y);
    expect(result.method).toBe('normal');
    expect(result.u).toBe(325);
    expect(result.z).toBeCloseTo(1.8406609646768863, 12);
    expect(result.pValue).toBeCloseTo(0.06567125768912659, 12);
  });

  it('uses the tie-corrected variance', () => {
    const x = Array.from({ length: 30 }, (_, i) => Math.floor(i / 3));
    const y = Array.from({ length: 25 }, (_, i) => Math.floor(i / 3) + 2);
    const result = mannWhitneyU(x, y);
    expect(result).toMatchObject({ method: 'normal', ties: true, u: 288 });
    expect(result.pValue).toBeCloseTo(0.1416235217140178, 12);
  });

  it('gives p = 1 when every pooled value is equal', () => {
    const result = mannWhitneyU(new Array(30).fill(3), new Array(30).fill(3));
    expect(result).toMatchObject({ method: 'normal', pValue: 1, z: 0 });
  });
});

describe('input checks', () => {
  it('rejects empty samples and non-finite values', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/first sample is empty/);
    expect(() => mannWhitneyU([1], [2, Number.NaN])).toThrow(/second sample value 1 is NaN/);
  });
});

describe('minimumTwoSidedPValue and repeatsForSignificance', () => {
  it('is 2 / C(n1 + n2, n1)', () => {
    expect(minimumTwoSidedPValue(3, 3)).toBeCloseTo(0.1, 15);
    expect(minimumTwoSidedPValue(4, 4)).toBeCloseTo(2 / 70, 15);
    expect(minimumTwoSidedPValue(5, 5)).toBeCloseTo(2 / 252, 15);
    expect(minimumTwoSidedPValue(3, 5)).toBeCloseTo(2 / 56, 15);
    expect(minimumTwoSidedPValue(1, 1)).toBe(1);
    expect(() => minimumTwoSidedPValue(0, 3)).toThrow(RangeError);
  });

  it('equals the exact test on fully separated samples', () => {
    for (const [n1, n2] of [[3, 3], [4, 6], [6, 6], [2, 9]] as const) {
      const x = Array.from({ length: n1 }, (_, i) => i);
      const y = Array.from({ length: n2 }, (_, i) => 100 + i);
      expect(mannWhitneyU(x, y).pValue).toBeCloseTo(minimumTwoSidedPValue(n1, n2), 15);
    }
  });

  it('needs 4 repeats per side for one comparison, 5 for 2 to 6, 6 for 7 to 23, 7 for 24', () => {
    expect([1, 2, 6, 7, 23, 24].map((m) => repeatsForSignificance(0.05, m))).toEqual([4, 5, 5, 6, 6, 7]);
    expect(repeatsForSignificance(0.01)).toBe(5);
    expect(() => repeatsForSignificance(0, 1)).toThrow(RangeError);
    expect(() => repeatsForSignificance(0.05, 0)).toThrow(RangeError);
  });
});
