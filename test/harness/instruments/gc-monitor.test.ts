import { GCProfiler, getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { GcMonitor } from '../../../harness/instruments/gc-monitor.ts';
import { exposedGc } from './fixtures/expose-gc.ts';

/**
 * Allocates short-lived garbage without ever yielding to the event loop until
 * the heap in use has dropped `collections` times (a drop is a GC), so the
 * phase is synchronous and collects however fast the machine is.
 */
function allocateSynchronously(collections: number): number {
  let drops = 0;
  let last = getHeapStatistics().used_heap_size;
  let sink: unknown[] = [];
  while (drops < collections) {
    for (let i = 0; i < 1_000; i++) sink.push({ i, pair: [i, i + 1] });
    if (sink.length > 50_000) sink = [];
    const used = getHeapStatistics().used_heap_size;
    if (used < last) drops++;
    last = used;
  }
  return sink.length;
}

describe('GcMonitor', () => {
  it('counts the GCs of a phase that never yields to the event loop', async () => {
    const monitor = new GcMonitor(exposedGc());
    monitor.start();
    // An independent count: v8.GCProfiler records every GC synchronously, from V8's own callbacks.
    const profiler = new GCProfiler();
    profiler.start();
    allocateSynchronously(5);
    const independent = profiler.stop().statistics.length;
    const gc = await monitor.stop();
    expect(independent).toBeGreaterThanOrEqual(5);
    // The monitor's window holds the profiler's; both see the same collections.
    expect(gc.count).toBeGreaterThanOrEqual(independent);
    expect(gc.complete).toBe(true);
    expect(gc.byKind.minor.count + gc.byKind.major.count + gc.byKind.incremental.count).toBeGreaterThan(0);
  });

  it('leaves out the GCs after the phase ended, the marker collection included', async () => {
    const gc = exposedGc();
    const monitor = new GcMonitor(gc);
    monitor.start();
    monitor.end();
    gc();
    gc();
    const result = await monitor.stop();
    expect(result.complete).toBe(true);
    expect(result.byKind.major.count).toBe(0);
  });

  it('says the count may be incomplete when no marker GC can prove every entry arrived', async () => {
    const withoutGc = new GcMonitor(undefined);
    withoutGc.start();
    allocateSynchronously(2);
    const result = await withoutGc.stop();
    expect(result.complete).toBe(false);
    // What did arrive is still counted.
    expect(result.count).toBeGreaterThan(0);

    // A "gc" that collects nothing: its entry never comes, so the wait gives up.
    const silent = new GcMonitor(() => {}, { markerWaitMs: 20 });
    silent.start();
    expect((await silent.stop()).complete).toBe(false);
  });
});
