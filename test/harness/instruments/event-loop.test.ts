import { describe, expect, it } from 'vitest';
import { EventLoopDelayMonitor, summarizeEventLoopDelay, type DelayHistogram } from '../../../harness/instruments/event-loop.ts';

function fakeHistogram(count: number, percentiles: Record<number, number>, max: number): DelayHistogram {
  return { count, max, percentile: (p: number) => percentiles[p] ?? Number.NaN };
}

describe('event-loop delay', () => {
  it('reports the delay beyond the timer resolution, in whole nanoseconds', () => {
    const h = fakeHistogram(300, { 50: 10_182_655, 99: 12_500_000.4, 99.9: 0 }, 59_047_935);
    expect(summarizeEventLoopDelay(h, 10_000_000)).toEqual({
      samples: 300, p50Ns: 182_655, p99Ns: 2_500_000, maxNs: 49_047_935, resolutionNs: 10_000_000,
    });
  });

  it('never reports a negative delay (a timer that fired early)', () => {
    expect(summarizeEventLoopDelay(fakeHistogram(1, { 50: 9_990_000, 99: 9_990_000 }, 9_990_000), 10_000_000)).toMatchObject({
      p50Ns: 0, p99Ns: 0, maxNs: 0,
    });
  });

  it('has no figures without samples', () => {
    expect(summarizeEventLoopDelay(fakeHistogram(0, {}, 0), 10_000_000)).toEqual({
      samples: 0, p50Ns: null, p99Ns: null, maxNs: null, resolutionNs: 10_000_000,
    });
  });

  it('measures a real phase: ordered, non-negative figures', async () => {
    const monitor = new EventLoopDelayMonitor({ resolutionMs: 1 });
    monitor.start();
    for (let i = 0; i < 5; i++) {
      let s = 0;
      for (let j = 0; j < 200_000; j++) s += Math.sqrt(j);
      expect(s).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const delay = monitor.stop();
    expect(delay.resolutionNs).toBe(1_000_000);
    expect(delay.samples).toBeGreaterThan(0);
    expect(delay.p50Ns!).toBeGreaterThanOrEqual(0);
    expect(delay.p50Ns!).toBeLessThanOrEqual(delay.p99Ns!);
    expect(delay.p99Ns!).toBeLessThanOrEqual(delay.maxNs!);
  });

  it('rejects a resolution that is not a positive whole number of milliseconds', () => {
    expect(() => new EventLoopDelayMonitor({ resolutionMs: 0.5 })).toThrow(/positive whole number/);
  });
});
