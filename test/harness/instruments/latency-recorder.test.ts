import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from '../../../harness/instruments/latency-recorder.ts';
import { decodeHistogram, latencyOf } from '../../../harness/stats/latency.ts';

describe('LatencyRecorder', () => {
  it('summarises each op type with the figures the merged latency reads from the same histogram', () => {
    const recorder = new LatencyRecorder(2);
    for (let v = 1; v <= 1000; v++) recorder.record(0, v);
    recorder.record(0, 0); // a zero reading counts as 1 ns

    const summary = recorder.summary(0)!;
    expect(summary).toMatchObject({ samples: 1001, p50Ns: 500, p90Ns: 900, p99Ns: 990, p999Ns: 999, maxNs: 1000, meanNs: 500 });
    const decoded = decodeHistogram(summary.histogram);
    try {
      const { curve: _curve, ...figures } = latencyOf(decoded);
      const { histogram: _histogram, ...summaryFigures } = summary;
      expect(figures).toEqual(summaryFigures);
    } finally {
      decoded.destroy();
    }
    expect(recorder.summary(1)).toBeNull();
  });
});
