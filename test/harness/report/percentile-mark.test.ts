import { describe, expect, it } from 'vitest';
import { UNSUPPORTED_PERCENTILE_LEGEND, isUnsupportedPercentile, markPercentile, samplesText } from '../../../harness/report/percentile-mark.ts';

describe('percentile marks', () => {
  it('marks a percentile with fewer than 10 timed ops above it', () => {
    expect(isUnsupportedPercentile(999, 99)).toBe(true);
    expect(isUnsupportedPercentile(1_000, 99)).toBe(false);
    expect(isUnsupportedPercentile(19, 50)).toBe(true);
    expect(isUnsupportedPercentile(20, 50)).toBe(false);
    expect(markPercentile('1.2 ms', 4, 99)).toBe('≈1.2 ms');
    expect(markPercentile('1.2 ms', 4_000, 99)).toBe('1.2 ms');
  });

  it('leaves unknown counts, the minimum and the maximum unmarked', () => {
    expect(isUnsupportedPercentile(null, 99)).toBe(false);
    expect(isUnsupportedPercentile(undefined, 99)).toBe(false);
    expect(isUnsupportedPercentile(3, 100)).toBe(false);
    expect(isUnsupportedPercentile(3, 0)).toBe(false);
  });

  it('says what the mark means and what each percentile needs', () => {
    expect(samplesText(12_345)).toBe('n=12,345');
    expect(UNSUPPORTED_PERCENTILE_LEGEND).toBe(
      '≈: fewer than 10 of the n timed ops lie above this percentile, so a handful of ops decide it and the data do not support it ' +
        '(p50 needs n ≥ 20, p90 100, p99 1,000, p99.9 10,000).',
    );
  });
});
