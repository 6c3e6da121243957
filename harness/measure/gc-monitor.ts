/**
 * GC pauses during the measured phase, from V8's 'gc' performance entries
 * (perf_hooks PerformanceObserver). Entries arrive asynchronously, so `stop`
 * yields once to the event loop before reading them, and entries that
 * started before `start` (loading garbage collected late) are ignored.
 */
import { performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import type { GcResult } from '../results.ts';
import { summarizeGcByKind } from '../profile/gc-kinds.ts';

export class GcMonitor {
  private readonly entries: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.entries.push(entry);
  });
  private startedAt = 0;

  start(): void {
    this.startedAt = performance.now();
    this.observer.observe({ entryTypes: ['gc'] });
  }

  async stop(): Promise<GcResult> {
    await new Promise((resolve) => setImmediate(resolve));
    this.observer.disconnect();
    const phase = this.entries.filter((entry) => entry.startTime >= this.startedAt);
    let totalPauseMs = 0;
    let maxPauseMs = 0;
    for (const entry of phase) {
      totalPauseMs += entry.duration;
      maxPauseMs = Math.max(maxPauseMs, entry.duration);
    }
    return { count: phase.length, totalPauseMs, maxPauseMs, byKind: summarizeGcByKind(phase) };
  }
}
