import { describe, expect, it } from 'vitest';
import { erfc, normalSurvival } from '../../../harness/stats/normal.ts';

// Expected values: Python's math.erfc and scipy.stats.norm.sf (scipy 1.17.1).
describe('erfc', () => {
  it.each([
    [0, 1],
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.5, 0.033894853524689274],
    [1.999, 0.004698443348629488],
    [2, 0.004677734981047265],
    [2.5, 0.0004069520174449589],
    [3, 2.2090496998585438e-5],
    [5, 1.5374597944280351e-12],
    [10, 2.088487583762545e-45],
    [20, 5.3958656116079005e-176],
    [-1, 1.842700792949715],
    [-3, 1.9999779095030015],
  ])('erfc(%d) matches math.erfc to 1e-12 relative', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-12);
  });

  it('handles the infinities and rejects NaN', () => {
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erfc(30)).toBe(0);
    expect(() => erfc(Number.NaN)).toThrow(/NaN/);
  });
});

describe('normalSurvival', () => {
  it.each([
    [1.96, 0.024997895148220435],
    [1.746, 0.04040547591978395],
    [3, 0.0013498980316300933],
    [6, 9.865876450376946e-10],
  ])('P(Z > %d) matches scipy.stats.norm.sf', (z, expected) => {
    expect(Math.abs(normalSurvival(z) - expected) / expected).toBeLessThan(1e-12);
  });

  it('is symmetric: P(Z > -z) = 1 - P(Z > z)', () => {
    expect(normalSurvival(0)).toBe(0.5);
    expect(normalSurvival(-1.2) + normalSurvival(1.2)).toBeCloseTo(1, 14);
  });
});
