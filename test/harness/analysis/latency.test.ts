import { describe, expect, it } from 'vitest';
import { CURVE_PERCENTILES, decodeHistogram, mergeHistograms } from '../../../harness/analysis/latency.ts';
import { encodeLatencies } from './fixtures.ts';

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
