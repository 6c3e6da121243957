import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { gcKindName, summarizeGcByKind } from '../../../harness/instruments/gc-kinds.ts';
import { exposedGc } from './fixtures/expose-gc.ts';

describe('GC kinds', () => {
  it("names Node's GC kind constants", () => {
    expect(gcKindName(constants.NODE_PERFORMANCE_GC_MINOR)).toBe('minor');
    expect(gcKindName(constants.NODE_PERFORMANCE_GC_MAJOR)).toBe('major');
    expect(gcKindName(constants.NODE_PERFORMANCE_GC_INCREMENTAL)).toBe('incremental');
    expect(gcKindName(constants.NODE_PERFORMANCE_GC_WEAKCB)).toBe('weakcb');
    expect(gcKindName(2)).toBe('minor'); // V8's minor mark-sweep (--minor-ms)
    expect(gcKindName(64)).toBe('other');
    expect(gcKindName(undefined)).toBe('other');
  });

  it('sums count, total and longest pause per kind, in integer nanoseconds', () => {
    const summary = summarizeGcByKind([
      { duration: 0.5, detail: { kind: constants.NODE_PERFORMANCE_GC_MINOR, flags: 0 } },
      { duration: 1.25, detail: { kind: constants.NODE_PERFORMANCE_GC_MINOR, flags: 0 } },
      { duration: 12.0000004, detail: { kind: constants.NODE_PERFORMANCE_GC_MAJOR, flags: 4 } },
      { duration: 0.1, kind: constants.NODE_PERFORMANCE_GC_INCREMENTAL }, // Node < 16 put the kind on the entry
    ]);
    expect(summary).toEqual({
      minor: { count: 2, totalPauseNs: 1_750_000, longestPauseNs: 1_250_000 },
      major: { count: 1, totalPauseNs: 12_000_000, longestPauseNs: 12_000_000 },
      incremental: { count: 1, totalPauseNs: 100_000, longestPauseNs: 100_000 },
      weakcb: { count: 0, totalPauseNs: 0, longestPauseNs: 0 },
      other: { count: 0, totalPauseNs: 0, longestPauseNs: 0 },
    });
  });

  it('classifies the entries of a real forced collection as major', async () => {
    const gc = exposedGc();
    // GC entries reach observers two immediates after the collection, so wait
    // for the first delivery, not for a fixed time: a 20 ms timer fired first
    // when the process lost the CPU for 20 ms. A collection that is never
    // reported still fails, by the test's timeout.
    const entries: PerformanceEntry[] = [];
    let observer: PerformanceObserver | undefined;
    const delivered = new Promise<void>((resolve) => {
      observer = new PerformanceObserver((list) => {
        entries.push(...list.getEntries());
        resolve();
      });
      observer.observe({ entryTypes: ['gc'] });
    });
    gc();
    await delivered;
    observer!.disconnect();
    expect(summarizeGcByKind(entries).major.count).toBeGreaterThanOrEqual(1);
  });
});
