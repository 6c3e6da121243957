/**
 * The figures read from an HDR histogram of latencies (hdr-histogram-js),
 * in one place for the three that need them: a repeat's LatencySummary
 * (instruments/latency-recorder.ts), the repeats' merged OpLatency
 * (stats/latency.ts), and the test fixtures that stand in for a recorder.
 *
 * Percentiles are HdrHistogram's getValueAtPercentile (the highest value
 * equivalent to the bucket of the nearest rank), the mean its bucket-median
 * mean rounded to whole nanoseconds.
 */
import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../core/results.ts';

/** What LatencySummary and OpLatency both hold. */
export type LatencyFigures = Omit<LatencySummary, 'histogram'>;

/** The percentiles, max and mean of a histogram with at least one value. */
export function latencyFigures(histogram: hdr.Histogram): LatencyFigures {
  return {
    samples: histogram.totalCount,
    p50Ns: histogram.getValueAtPercentile(50),
    p90Ns: histogram.getValueAtPercentile(90),
    p99Ns: histogram.getValueAtPercentile(99),
    p999Ns: histogram.getValueAtPercentile(99.9),
    maxNs: histogram.maxValue,
    meanNs: Math.round(histogram.mean),
  };
}

/** One repeat's latency of one op type: the figures and the histogram itself, encoded for results.json. */
export function latencySummaryOf(histogram: hdr.Histogram): LatencySummary {
  return { ...latencyFigures(histogram), histogram: hdr.encodeIntoCompressedBase64(histogram) };
}
