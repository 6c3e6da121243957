import { describe, expect, it } from 'vitest';
import { CURVE_PERCENTILES, decodeHistogram, mergeHistograms, percentileSupport } from '../../../harness/stats/latency.ts';
import { encodeLatencies } from '../../support/results-fixtures.ts';

function range(from: number, to: number, step = 1): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

/** Nearest-rank percentile (the definition HDR implements, before bucket rounding). */
function nearestRank(values: readonly number[], percentile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[rank - 1]!;
}

describe('decodeHistogram', () => {
  it('round-trips an encoded histogram', () => {
    const h = decodeHistogram(encodeLatencies([5, 10, 15]));
    try {
      expect(h.totalCount).toBe(3);
      expect(h.maxValue).toBe(15);
    } finally {
      h.destroy();
    }
  });

  it('says what it expected when the input is not a histogram', () => {
    expect(() => decodeHistogram('bm90IGEgaGlzdG9ncmFt')).toThrow(/encodeIntoCompressedBase64/);
  });
});

describe('mergeHistograms', () => {
  it('merges two histograms exactly where HDR has unit resolution (values < 2048 at 3 digits)', () => {
    const merged = mergeHistograms([encodeLatencies(range(1, 1000)), encodeLatencies(range(1001, 2000))]);
    expect(merged).not.toBeNull();
    expect(merged).toMatchObject({ samples: 2000, p50Ns: 1000, p90Ns: 1800, p99Ns: 1980, p999Ns: 1998, maxNs: 2000 });
    // HDR's mean uses bucket midpoints; at unit resolution those are the values themselves.
    expect(merged!.meanNs).toBe(1001);
    expect(merged!.curve).toEqual([
      { percentile: 0, valueNs: 1 },
      { percentile: 50, valueNs: 1000 },
      { percentile: 75, valueNs: 1500 },
      { percentile: 90, valueNs: 1800 },
      { percentile: 95, valueNs: 1900 },
      { percentile: 99, valueNs: 1980 },
      { percentile: 99.9, valueNs: 1998 },
      { percentile: 99.99, valueNs: 2000 },
      { percentile: 100, valueNs: 2000 },
    ]);
    expect(merged!.curve.map((p) => p.percentile)).toEqual([...CURVE_PERCENTILES]);
  });

  it('is within 3 significant digits for large values, including a multi-second outlier', () => {
    const a = range(1_000_000, 1_999_000, 1_000); // 1000 values, 1 ms .. 2 ms
    const b = [...range(500_000, 999_500, 500), 5_000_000_000]; // 1000 values + a 5 s stall
    const merged = mergeHistograms([encodeLatencies(a), encodeLatencies(b)])!;
    const all = [...a, ...b];
    expect(merged.samples).toBe(all.length);
    for (const [p, got] of [
      [50, merged.p50Ns],
      [90, merged.p90Ns],
      [99, merged.p99Ns],
      [99.9, merged.p999Ns],
      [100, merged.maxNs],
    ] as const) {
      const exact = nearestRank(all, p);
      // HDR reports the highest value equivalent to the bucket: never below, < 0.1 % above.
      expect(got, `p${p}`).toBeGreaterThanOrEqual(exact);
      expect(got, `p${p}`).toBeLessThanOrEqual(exact * 1.001);
    }
    expect(merged.p999Ns).toBeLessThan(2_000_000);
    expect(merged.maxNs).toBeGreaterThanOrEqual(5_000_000_000);
  });

  it('counts the same value from several repeats', () => {
    const merged = mergeHistograms([encodeLatencies([100, 100]), encodeLatencies([100]), encodeLatencies([300])])!;
    expect(merged.samples).toBe(4);
    expect(merged.p50Ns).toBe(100);
    expect(merged.p90Ns).toBe(300);
  });

  it('returns null when there is nothing to merge', () => {
    expect(mergeHistograms([])).toBeNull();
    expect(mergeHistograms([encodeLatencies([])])).toBeNull();
  });
});

describe('percentileSupport', () => {
  it('counts the samples above the nearest-rank percentile exactly', () => {
    expect(percentileSupport(1_000, 99)).toEqual({ samplesBeyond: 10, samplesNeeded: 1_000, supported: true });
    expect(percentileSupport(999, 99)).toEqual({ samplesBeyond: 9, samplesNeeded: 1_000, supported: false });
    expect(percentileSupport(4, 99)).toEqual({ samplesBeyond: 0, samplesNeeded: 1_000, supported: false });
    expect(percentileSupport(10_000, 99.9)).toEqual({ samplesBeyond: 10, samplesNeeded: 10_000, supported: true });
    expect(percentileSupport(9_999, 99.9)).toEqual({ samplesBeyond: 9, samplesNeeded: 10_000, supported: false });
    expect(percentileSupport(20, 50)).toEqual({ samplesBeyond: 10, samplesNeeded: 20, supported: true });
    expect(percentileSupport(19, 50)).toEqual({ samplesBeyond: 9, samplesNeeded: 20, supported: false });
    expect(percentileSupport(100, 90)).toEqual({ samplesBeyond: 10, samplesNeeded: 100, supported: true });
    expect(percentileSupport(99_999, 99.99)).toEqual({ samplesBeyond: 9, samplesNeeded: 100_000, supported: false });
    expect(percentileSupport(40, 75)).toEqual({ samplesBeyond: 10, samplesNeeded: 40, supported: true });
    expect(percentileSupport(0, 50)).toEqual({ samplesBeyond: 0, samplesNeeded: 20, supported: false });
  });

  it('agrees with the rank HDR reads: n minus the rank of the percentile', () => {
    for (const n of [1, 7, 19, 20, 123, 999, 1_000, 1_001, 4_321, 12_345]) {
      for (const q of [50, 75, 90, 95, 99, 99.9, 99.99]) {
        const rank = Math.max(1, Math.ceil(Number(((q / 100) * n).toFixed(9))));
        expect(percentileSupport(n, q).samplesBeyond, `n=${n} q=${q}`).toBe(n - rank);
      }
    }
  });

  it('never supports the maximum (p100) and always has every sample above p0', () => {
    expect(percentileSupport(1_000_000, 100)).toEqual({ samplesBeyond: 0, samplesNeeded: Infinity, supported: false });
    expect(percentileSupport(10, 0)).toEqual({ samplesBeyond: 10, samplesNeeded: 10, supported: true });
  });

  it('refuses counts and percentiles that are not ones', () => {
    expect(() => percentileSupport(-1, 50)).toThrow(/samples/);
    expect(() => percentileSupport(2.5, 50)).toThrow(/samples/);
    expect(() => percentileSupport(10, 101)).toThrow(/percentile/);
    expect(() => percentileSupport(10, Number.NaN)).toThrow(/percentile/);
  });
});
