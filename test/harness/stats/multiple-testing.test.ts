import { describe, expect, it } from 'vitest';
import { adjustPValues, benjaminiHochberg, holm } from '../../../harness/stats/multiple-testing.ts';

/**
 * The 15 p-values of Benjamini & Hochberg (1995), section 4.2 (a study of
 * myocardial infarction treatments). At q = 0.05 the paper's procedure
 * rejects the four smallest, while the Bonferroni-type procedures reject
 * three: exactly the difference the gate sees between 'bh' and 'holm'.
 */
const BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];

function expectAllClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value, `index ${i}`).toBeCloseTo(expected[i]!, 12));
}

describe('holm', () => {
  it('p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm")', () => {
    expectAllClose(holm([0.01, 0.02, 0.03, 0.04, 0.05]), [0.05, 0.08, 0.09, 0.09, 0.09]);
  });

  it('keeps the caller\'s order and caps at 1', () => {
    expectAllClose(holm([0.04, 0.5, 0.01]), [0.08, 0.5, 0.03]);
    expectAllClose(holm([0.6, 0.7]), [1, 1]);
  });

  it('rejects three of the BH (1995) example at 0.05', () => {
    const adjusted = holm(BH_1995);
    expectAllClose(adjusted.slice(0, 4), [0.0015, 0.0056, 0.0247, 0.114]);
    expect(adjusted.filter((p) => p < 0.05)).toHaveLength(3);
  });

  it('gives tied p-values equal adjusted values', () => {
    expectAllClose(holm([0.01, 0.01, 0.03]), [0.03, 0.03, 0.03]);
  });
});

describe('benjaminiHochberg', () => {
  it('p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BH")', () => {
    expectAllClose(benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]), [0.05, 0.05, 0.05, 0.05, 0.05]);
  });

  it('rejects four of the BH (1995) example at 0.05, with the step-up minimum', () => {
    const adjusted = benjaminiHochberg(BH_1995);
    expectAllClose(adjusted, [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571428571, 0.0638571428571, 0.0645, 0.0765, 0.486, 0.5811818181818,
      0.714875, 0.7532307692308, 0.8132142857143, 1,
    ]);
    expect(adjusted.filter((p) => p < 0.05)).toHaveLength(4);
  });

  it('keeps the caller\'s order, is monotone in p and never below the raw p', () => {
    const raw = [0.3, 0.001, 0.04, 0.02];
    const adjusted = benjaminiHochberg(raw);
    expectAllClose(adjusted, [0.3, 0.004, 0.0533333333333, 0.04]);
    adjusted.forEach((p, i) => expect(p).toBeGreaterThanOrEqual(raw[i]!));
  });

  it('gives tied p-values equal adjusted values', () => {
    expectAllClose(benjaminiHochberg([0.02, 0.02, 0.5]), [0.03, 0.03, 0.5]);
  });
});

describe('adjustPValues', () => {
  it('dispatches, handles an empty family and rejects p outside [0, 1]', () => {
    expect(adjustPValues([0.01, 0.02], 'holm')).toEqual(holm([0.01, 0.02]));
    expect(adjustPValues([0.01, 0.02], 'bh')).toEqual(benjaminiHochberg([0.01, 0.02]));
    expect(adjustPValues([], 'holm')).toEqual([]);
    expect(() => holm([0.5, 1.2])).toThrow(/p-value 1 is 1.2/);
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError);
    expect(() => adjustPValues([0.1], 'bonferroni' as never)).toThrow(/unknown correction/);
  });
});
