import { describe, expect, it } from 'vitest';
import { describeReason } from '../../../harness/report/gate-wording.ts';
import type { VerdictReason } from '../../../harness/gate/records.ts';

const test = { pValue: 0.1, adjustedPValue: 0.4, correction: 'holm', alpha: 0.05, currentRepeats: 3, baselineRepeats: 5 } as const;
const regressed: VerdictReason = { code: 'significant-change', ratio: 0.5, direction: 'worse', threshold: 0.05, ...test, pValue: 0.001, adjustedPValue: 0.004 };

describe('describeReason', () => {
  it('words each first-round code with its numbers', () => {
    expect(describeReason({ code: 'within-noise', ratio: 1.01, threshold: 0.005, pValue: 0.5, adjustedPValue: 1, correction: 'bh' })).toBe(
      '1.01× the baseline: within the ±0.5% noise threshold (p = 0.5, Benjamini-Hochberg-adjusted 1)',
    );
    expect(describeReason(regressed)).toBe(
      '0.50× the baseline: 50.0% worse, beyond the ±5% noise threshold, and significant (p = 0.001, Holm-adjusted 0.004 < 0.05; 3 vs 5 repeats)',
    );
    expect(describeReason({ code: 'not-significant', ratio: 1.3, direction: 'better', why: { code: 'above-alpha', ...test } })).toBe(
      '1.30× the baseline: 30.0% better but not significant (p = 0.1, Holm-adjusted 0.4 ≥ 0.05; 3 vs 5 repeats)',
    );
    expect(describeReason({ code: 'not-significant', ratio: 0.7, direction: 'worse', why: { code: 'rank-test-disagrees', probabilityOfSuperiority: 0.625 } })).toBe(
      '0.70× the baseline: 30.0% worse but the rank test points the other way (probability of superiority 0.63)',
    );
  });

  it('words untested cells and incomparable environments', () => {
    expect(describeReason({ code: 'not-tested', problem: null })).toBe('not tested');
    expect(describeReason({ code: 'not-tested', problem: { code: 'undefined-ratio', baselineMedian: -2 } })).toBe('the baseline median is -2, so a ratio is undefined');
    expect(describeReason({ code: 'not-comparable', reasons: [], inner: { code: 'not-tested', problem: { code: 'not-measured' } } })).toBe(
      'not comparable with the baseline: environment differs (not measured in this run (variant not run, or every repeat failed))',
    );
  });

  it('words the confirmation round around the pooled reason, and shows legacy text as is', () => {
    expect(describeReason({ code: 'noise-not-reproduced', pooled: regressed, aloneRatio: null, threshold: 0.05 })).toMatch(
      /^noise: not reproduced in the confirmation round \(repeats alone: no confirmation samples\); pooled: 0\.50× the baseline: 50\.0% worse/,
    );
    expect(describeReason({ code: 'confirmed', pooled: regressed, repeatsAlone: 3, aloneRatio: 0.7 })).toMatch(
      /significant \(.*\); reproduced in the confirmation round \(3 repeats alone: 0\.70× the baseline\)$/,
    );
    expect(describeReason({ code: 'legacy-text', text: 'as stored' })).toBe('as stored');
  });
});
