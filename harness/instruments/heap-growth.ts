/**
 * Retained heap growth over a phase: the V8 heap in use after a forced full
 * GC at its end, minus the same at its start, per 1,000 operations. What a
 * full GC cannot free is reachable, so steady growth per operation is a leak
 * (or a cache filling up: the cached variant's LRU grows until it is full,
 * then stops; compare runs of different lengths to tell the two apart).
 *
 * Forcing a GC needs `gc`, which V8 exposes only under --expose-gc (the
 * worker runs with it). gc() is a full, synchronous mark-compact; it runs
 * twice because memory held through weak callbacks (native wrappers such as
 * better-sqlite3's statements) is released by the first collection and freed
 * by the next. Outside the timed phase, so its cost does not matter.
 *
 * Limits: only this thread's V8 heap (v8.getHeapStatistics().used_heap_size);
 * off-heap memory (Buffer contents, SQLite's page cache) and worker threads
 * are not counted. Growth includes what the harness itself keeps during the
 * phase (latency histograms, the timeline, memory samples: kilobytes), and
 * code and type feedback V8 compiles for functions first run in the phase;
 * the reference job, run through the same harness, shows that floor.
 */
import { getHeapStatistics } from 'node:v8';
import { exposedGc, type CollectGarbage } from './exposed-gc.ts';

export interface SettledHeap {
  /** used_heap_size after the forced collections (or without them, see `forced`). */
  readonly usedHeapBytes: number;
  /** False when gc was not exposed: the figure then includes garbage. */
  readonly forced: boolean;
}

export interface RetainedGrowth {
  /** After minus before; negative when the phase freed more than it kept. */
  readonly retainedBytes: number;
  readonly perThousandOpsBytes: number | null;
  readonly forced: boolean;
  readonly warning?: string;
}

/** Collect (when possible) and read the heap in use. */
export function settledHeap(gc: CollectGarbage | undefined = exposedGc()): SettledHeap {
  if (gc) {
    gc();
    gc();
  }
  return { usedHeapBytes: getHeapStatistics().used_heap_size, forced: gc !== undefined };
}

export function measureRetainedGrowth(before: SettledHeap, after: SettledHeap, operations: number): RetainedGrowth {
  const retainedBytes = after.usedHeapBytes - before.usedHeapBytes;
  const forced = before.forced && after.forced;
  return {
    retainedBytes,
    perThousandOpsBytes: operations > 0 ? (retainedBytes * 1000) / operations : null,
    forced,
    ...(forced ? {} : { warning: 'no forced GC (run node with --expose-gc): the growth includes uncollected garbage' }),
  };
}
