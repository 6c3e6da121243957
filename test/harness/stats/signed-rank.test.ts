import { describe, expect, it } from 'vitest';
import { hodgesLehmann, pairsForSignificance, signedRankTest, walshAverages, walshIntervalRank } from '../../../harness/stats/signed-rank.ts';

// Hollander & Wolfe (1999), Example 3.1: Hamilton depression scale before (x) and after (y) a tranquilizer.
// Their V = 40, exact p = 0.0391 and (pseudo)median 0.46; the 95 % interval is the 6th smallest and
// 6th largest of the 45 Walsh averages (k = 6, as R's wilcox.test(conf.int = TRUE) picks it from
// qsignrank(0.025, 9)), here worked out by hand: [0.01, 0.786].
const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
const d = x.map((value, i) => value - y[i]!);

describe('signedRankTest', () => {
  it('matches the textbook example (exact two-sided p)', () => {
    const result = signedRankTest(d);
    expect(result.n).toBe(9);
    expect(result.statistic).toBe(40);
    expect(result.pValue).toBeCloseTo(0.0390625, 6);
  });

  it('gives the smallest possible p when every difference has one sign', () => {
    expect(signedRankTest([0.1, 0.2, 0.3, 0.4, 0.5]).pValue).toBeCloseTo(2 / 32, 12);
    expect(signedRankTest([-0.1, -0.2, -0.3, -0.4, -0.5]).pValue).toBeCloseTo(2 / 32, 12);
  });

  it('drops zero differences and answers p = 1 when nothing is left', () => {
    expect(signedRankTest([0, 0, 0])).toEqual({ n: 0, statistic: 0, pValue: 1 });
    expect(signedRankTest([0, 0.1, 0.2]).n).toBe(2);
  });

  it('is symmetric: flipping every sign keeps p', () => {
    const flipped = d.map((value) => -value);
    expect(signedRankTest(flipped).pValue).toBeCloseTo(signedRankTest(d).pValue, 12);
  });

  it('uses midranks for tied magnitudes', () => {
    // |d| = 1, 1, 2: ranks 1.5, 1.5, 3; positives 1 and 2 give T+ = 4.5.
    expect(signedRankTest([1, -1, 2]).statistic).toBe(4.5);
  });
});

describe('hodgesLehmann', () => {
  it('matches the textbook estimate and 95 % interval', () => {
    const shift = hodgesLehmann(d, 0.95);
    expect(shift.estimate).toBeCloseTo(0.46, 3);
    expect(shift.lower).toBeCloseTo(0.01, 9);
    expect(shift.upper).toBeCloseTo(0.786, 9);
    expect(shift.coverage).toBeGreaterThanOrEqual(0.95);
    expect(shift.coverage).toBeLessThan(0.97);
  });

  it('is unbounded, and says so, when the pairs cannot reach the confidence', () => {
    // Five pairs: P(T+ = 0) = 1/32 > 0.025.
    const shift = hodgesLehmann([0.1, 0.2, 0.3, 0.4, 0.5], 0.95);
    expect(shift.lower).toBe(-Infinity);
    expect(shift.upper).toBe(Infinity);
    expect(shift.estimate).toBeCloseTo(0.3, 12);
  });

  it('narrows as pairs are added', () => {
    const draws = [0.05, 0.11, 0.08, 0.12, 0.09, 0.1, 0.07, 0.13, 0.1, 0.09, 0.11, 0.08];
    const eight = hodgesLehmann(draws.slice(0, 8), 0.95);
    const twelve = hodgesLehmann(draws, 0.95);
    expect(twelve.upper - twelve.lower).toBeLessThan(eight.upper - eight.lower);
    expect(twelve.lower).toBeGreaterThan(0);
  });
});

describe('walsh averages and ranks', () => {
  it('lists every pairwise mean once, sorted', () => {
    expect(walshAverages([1, 3])).toEqual([1, 2, 3]);
    expect(walshAverages([3, 1, 2])).toEqual([1, 1.5, 2, 2, 2.5, 3]);
  });

  it('finds the critical rank of the exact distribution', () => {
    // n = 9, 95 %: P(T+ <= 5) = 10/512 <= 0.025 < P(T+ <= 6) = 14/512, so k = 6 and coverage 1 - 20/512.
    expect(walshIntervalRank(9, 0.95)).toEqual({ k: 6, coverage: 1 - 20 / 512 });
    expect(walshIntervalRank(5, 0.95).k).toBe(0);
  });

  it('knows the fewest pairs for a significance level', () => {
    expect(pairsForSignificance(0.05)).toBe(6);
    expect(pairsForSignificance(0.05 / 8)).toBe(9);
  });
});
