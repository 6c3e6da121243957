/**
 * GC pauses during the measured phase, from V8's 'gc' performance entries
 * (perf_hooks PerformanceObserver), every one of them, however long the
 * phase went without yielding to the event loop.
 *
 * How an entry travels on Node 20 (src/node_perf.cc, lib/internal/perf/observe.js):
 * V8's GC epilogue callback queues a native immediate per collection; when
 * the loop next reaches its check phase, that immediate puts the entry into
 * each observer's buffer and schedules a JS setImmediate to hand the buffer
 * to the observer's callback. A phase that never yields (a synchronous
 * store's last slice between the driver's ticks, a whole balance run) leaves
 * all its entries in those queues: after one setImmediate they sit in the
 * buffer undelivered, and `disconnect()` empties the buffer, so they were
 * lost (a balance job allocating gigabytes reported 0 GCs). gc entries do
 * not go into the performance timeline buffer either
 * (performance.getEntriesByType('gc') is empty), so that is no fallback.
 *
 * So `stop` (1) drains the buffer with `takeRecords()` instead of dropping
 * it, and (2) proves nothing is still queued: `end` forces one cheap minor
 * GC right after the phase, a marker; native immediates run in the order
 * they were queued, so once the marker's entry has arrived every earlier
 * collection's has too. The marker and anything later (the profiler's
 * stop, the retained-growth GCs) start after the phase's end and are not
 * counted. Without an exposed `gc` (job processes have --expose-gc) or if
 * the marker never shows up, what arrived is reported with `complete: false`
 * rather than as a silent undercount.
 */
import { performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import type { GcResult } from '../core/results.ts';
import { exposedGc, type CollectGarbage } from './exposed-gc.ts';
import { summarizeGcByKind } from './gc-kinds.ts';

/**
 * How long `stop` waits for the marker's entry. It arrives at the first
 * turn of the loop; the bound only keeps a misbehaving runtime from
 * hanging the job.
 */
const DEFAULT_MARKER_WAIT_MS = 1_000;

export interface GcMonitorOptions {
  readonly markerWaitMs?: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class GcMonitor {
  private readonly entries: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.entries.push(entry);
  });
  private readonly markerWaitMs: number;
  private startedAt = 0;
  private endedAt: number | null = null;
  private markerFired = false;

  constructor(
    private readonly collectGarbage: CollectGarbage | undefined = exposedGc(),
    options: GcMonitorOptions = {},
  ) {
    this.markerWaitMs = options.markerWaitMs ?? DEFAULT_MARKER_WAIT_MS;
  }

  start(): void {
    this.startedAt = performance.now();
    this.endedAt = null;
    this.markerFired = false;
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** The phase is over: call it at once (synchronously), before anything that allocates much. */
  end(): void {
    if (this.endedAt !== null) return;
    this.endedAt = performance.now();
    if (this.collectGarbage) {
      this.collectGarbage({ type: 'minor' });
      this.markerFired = true;
    }
  }

  async stop(): Promise<GcResult> {
    this.end();
    const endedAt = this.endedAt!;
    const markerArrived = () => this.entries.some((entry) => entry.startTime >= endedAt);
    const drain = () => this.entries.push(...this.observer.takeRecords());
    // At least one turn, so the queued native immediates run even without a marker.
    const deadline = performance.now() + this.markerWaitMs;
    do {
      await nextTurn();
      drain();
    } while (this.markerFired && !markerArrived() && performance.now() < deadline);
    const complete = this.markerFired && markerArrived();
    this.observer.disconnect();
    // Entries that started before `start` are the previous phase's garbage (loading, collected late).
    const phase = this.entries.filter((entry) => entry.startTime >= this.startedAt && entry.startTime < endedAt);
    let totalPauseMs = 0;
    let maxPauseMs = 0;
    for (const entry of phase) {
      totalPauseMs += entry.duration;
      maxPauseMs = Math.max(maxPauseMs, entry.duration);
    }
    return { count: phase.length, totalPauseMs, maxPauseMs, byKind: summarizeGcByKind(phase), complete };
  }
}
