/**
 * Latency across repeats: the per-repeat HDR histograms (Gil Tene's
 * HdrHistogram, via hdr-histogram-js) are merged by adding their counts, and
 * the percentiles are read from the merged histogram. Averaging per-repeat
 * percentiles would be wrong: a p99 of p99s is not the p99 of the union
 * (Tene, "How NOT to Measure Latency", 2015).
 *
 * Values keep HDR's 3-significant-digit precision; percentiles are reported
 * as the highest value equivalent to the bucket (HdrHistogram's convention),
 * so they are never below the true sample value and at most 0.1 % above it.
 */
import * as hdr from 'hdr-histogram-js';
import { HISTOGRAM_SETTINGS } from '../instruments/latency-recorder.ts';
import { latencyFigures } from './latency-summary.ts';

/** Points of the percentile curve in the report (YCSB/wrk2-style tail emphasis). */

export interface PercentilePoint {
  /** 0..100 */
  readonly percentile: number;
  readonly valueNs: number;
}

/** Latency of one op type, from the histograms of all ok repeats merged. */
export interface OpLatency {
  readonly samples: number;
  readonly p50Ns: number;
  readonly p90Ns: number;
  readonly p99Ns: number;
  readonly p999Ns: number;
  readonly maxNs: number;
  /** Mean of the merged histogram (bucket-midpoint values), rounded to whole ns; as in LatencySummary.meanNs. */
  readonly meanNs: number;
  /** For the percentile-curve chart: 0, 50, 75, 90, 95, 99, 99.9, 99.99, 100. */
  readonly curve: readonly PercentilePoint[];
}

export const CURVE_PERCENTILES = [0, 50, 75, 90, 95, 99, 99.9, 99.99, 100] as const;

/**
 * Decodes one `LatencySummary.histogram` (encodeIntoCompressedBase64 output).
 * The caller owns the result and must `destroy()` it (a no-op for the JS
 * implementation, required if the settings ever switch to WebAssembly).
 */
export function decodeHistogram(base64: string): hdr.Histogram {
  try {
    return hdr.decodeFromCompressedBase64(base64, HISTOGRAM_SETTINGS.bitBucketSize, HISTOGRAM_SETTINGS.useWebAssembly);
  } catch (cause) {
    const preview = base64.length > 32 ? `${base64.slice(0, 32)}…` : base64;
    throw new Error(
      `Cannot decode latency histogram "${preview}": expected hdr-histogram-js encodeIntoCompressedBase64 output (V2 compressed encoding); is results.json intact?`,
      { cause },
    );
  }
}

/** Percentiles, curve and mean of a histogram with at least one value. */
export function latencyOf(histogram: hdr.Histogram): OpLatency {
  const curve: PercentilePoint[] = CURVE_PERCENTILES.map((percentile) => ({
    percentile,
    valueNs: histogram.getValueAtPercentile(percentile),
  }));
  return { ...latencyFigures(histogram), curve };
}

/**
 * Merges encoded histograms (one per ok repeat) and summarises the union.
 * Null when there is nothing to merge or no value was recorded.
 */
export function mergeHistograms(encoded: readonly string[]): OpLatency | null {
  if (encoded.length === 0) return null;
  // A fresh autoResize target, so that a repeat whose slowest op went past
  // another repeat's range still adds without an out-of-range error.
  const merged = hdr.build(HISTOGRAM_SETTINGS);
  try {
    for (const base64 of encoded) {
      const histogram = decodeHistogram(base64);
      try {
        merged.add(histogram);
      } finally {
        histogram.destroy();
      }
    }
    return merged.totalCount === 0 ? null : latencyOf(merged);
  } finally {
    merged.destroy();
  }
}

/**
 * Below this many samples beyond a percentile, the percentile is decided by
 * a handful of ops (a p99 from 300 timed ops is the 4th-slowest of them) and
 * moves with each one: the report shows it, marked as not supported by the
 * data. Why 10: how many samples fall beyond the true percentile is about
 * Poisson with mean k = n·(1 − q), so its relative spread is ~1/√k — about
 * ±30 % at k = 10, and a single op decides the value well before k = 1.
 */
export const MIN_SAMPLES_BEYOND_PERCENTILE = 10;

export interface PercentileSupport {
  /** Samples ranked above the percentile: n − ⌈n·q/100⌉ (= ⌊n·(1 − q/100)⌋). */
  readonly samplesBeyond: number;
  /** The fewest samples with at least MIN_SAMPLES_BEYOND_PERCENTILE beyond: 20 for p50, 100 for p90, 1,000 for p99, 10,000 for p99.9; Infinity for p100 (max). */
  readonly samplesNeeded: number;
  /** samplesBeyond >= MIN_SAMPLES_BEYOND_PERCENTILE. */
  readonly supported: boolean;
}

/** 100 % in parts per million of a fraction: percentiles resolve to 0.0001 (p99.9999), in integers, so p99.9 is exactly 1,000 ppm beyond. */
const PPM_PER_PERCENT = 10_000;

/**
 * How many of `samples` values lie above the `percentile`-th (0..100) one,
 * with the nearest rank ⌈n·q⌉ that HdrHistogram's getValueAtPercentile reads,
 * and whether that is enough to support it. Integer arithmetic (the tail in
 * parts per million), so the boundaries are exact: 999 samples do not
 * support p99, 1,000 do.
 */
export function percentileSupport(samples: number, percentile: number): PercentileSupport {
  if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`samples must be a whole number >= 0, got ${String(samples)}`);
  if (!(percentile >= 0 && percentile <= 100)) throw new RangeError(`percentile must be within 0..100, got ${String(percentile)}`);
  const tailPpm = Math.round((100 - percentile) * PPM_PER_PERCENT);
  const scaled = samples * tailPpm;
  const samplesBeyond = (scaled - (scaled % 1_000_000)) / 1_000_000;
  const samplesNeeded = tailPpm === 0 ? Infinity : Math.ceil((MIN_SAMPLES_BEYOND_PERCENTILE * 1_000_000) / tailPpm);
  return { samplesBeyond, samplesNeeded, supported: samplesBeyond >= MIN_SAMPLES_BEYOND_PERCENTILE };
}
