/**
 * One HDR histogram per op type (hdr-histogram-js; Gil Tene's HdrHistogram):
 * 3 significant digits from 1 ns to 60 s, so p99.9 and max are kept exactly
 * enough without storing samples.
 */
import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../core/results.ts';
import { latencySummaryOf } from '../stats/latency-summary.ts';

export const HISTOGRAM_SETTINGS = {
  bitBucketSize: 64,
  autoResize: true,
  lowestDiscernibleValue: 1,
  highestTrackableValue: 60_000_000_000,
  numberOfSignificantValueDigits: 3,
  useWebAssembly: false,
} as const;

export class LatencyRecorder {
  private readonly histograms: hdr.Histogram[];

  constructor(opTypeCount: number) {
    this.histograms = Array.from({ length: opTypeCount }, () => hdr.build(HISTOGRAM_SETTINGS));
  }

  record(opCode: number, durationNs: number): void {
    // A zero reading (clock granularity) would fall below the lowest discernible value.
    this.histograms[opCode]!.recordValue(durationNs > 0 ? durationNs : 1);
  }

  summary(opCode: number): LatencySummary | null {
    const histogram = this.histograms[opCode]!;
    return histogram.totalCount === 0 ? null : latencySummaryOf(histogram);
  }
}
