/**
 * Bytes allocated per operation during a phase. V8 keeps no running total of
 * bytes allocated that JavaScript can read (Node 20 has no allocation
 * counter; v8.getHeapStatistics() gives only the heap in use), so it is
 * estimated, in one of two ways; the report says which.
 *
 * 'gc-accounting' (every run, profiled or not): v8.GCProfiler (Node >= 18.15)
 * records the heap statistics before and after every GC. Between GCs the heap
 * in use grows only by allocation, and a GC lowers it by what it freed, so
 *   allocated = used(end) - used(start) + sum over GCs of (used before - used after).
 * Here it agrees with the sampling heap profiler's estimate to within ~1%
 * (test/harness/profile/allocated-bytes.test.ts). Limits: V8 heap of this
 * thread only (no Buffer contents, no native allocations, no worker
 * threads); it counts everything allocated in the phase, the harness's own
 * bookkeeping and V8's compiled code included, so compare with the
 * reference job; V8 rounds object sizes to its allocation granularity
 * (8 bytes), which is what the heap really uses.
 *
 * 'sampling-heap-profiler' (when --profile heap is on): the total of the
 * sampling heap profile taken with collected objects included
 * (heap-profiler.ts). A sample, not a count: each sample stands for
 * ~samplingInterval bytes, so the relative standard error of the total is
 * about 1/sqrt(samples) (allocations far smaller than the interval, Poisson
 * sampling: variance = total x interval). It sees the same heap as above, and
 * in exchange names the allocating functions.
 */
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { totalSampledBytes } from '../profile/heap-profile-analysis.ts';
import type { SamplingHeapProfile } from '../profile/v8-profile-format.ts';

export type AllocationMethod = 'gc-accounting' | 'sampling-heap-profiler';

export interface AllocationEstimate {
  readonly method: AllocationMethod;
  readonly allocatedBytes: number;
  readonly operations: number;
  readonly bytesPerOp: number | null;
  /** GCs during the phase ('gc-accounting'). */
  readonly gcCount?: number;
  /** Samples and ~1/sqrt(samples) ('sampling-heap-profiler'). */
  readonly samples?: number;
  readonly relativeStandardError?: number;
}

/** Heap in use around one GC, as v8.GCProfiler reports it. */
export interface GcHeapChange {
  readonly usedBeforeBytes: number;
  readonly usedAfterBytes: number;
}

/** The accounting identity above; pure. */
export function allocatedFromGcAccounting(usedStartBytes: number, usedEndBytes: number, gcs: readonly GcHeapChange[]): number {
  let freed = 0;
  for (const gc of gcs) freed += gc.usedBeforeBytes - gc.usedAfterBytes;
  return usedEndBytes - usedStartBytes + freed;
}

function perOp(bytes: number, operations: number): number | null {
  return operations > 0 ? bytes / operations : null;
}

/** 'gc-accounting' over a phase: start() right before it, stop(operations) right after. */
export class AllocationCounter {
  private profiler: GCProfiler | null = null;
  private usedStartBytes = 0;

  start(): void {
    this.profiler = new GCProfiler();
    this.profiler.start();
    // A GC between these two lines would be counted without its start; the
    // window is one small allocation wide.
    this.usedStartBytes = getHeapStatistics().used_heap_size;
  }

  stop(operations: number): AllocationEstimate {
    const profiler = this.profiler;
    if (!profiler) throw new Error('AllocationCounter.stop() called before start()');
    this.profiler = null;
    // Read before stopping: stop() builds its result on the heap.
    const usedEndBytes = getHeapStatistics().used_heap_size;
    const { statistics } = profiler.stop();
    const gcs = statistics.map((s) => ({
      usedBeforeBytes: s.beforeGC.heapStatistics.usedHeapSize,
      usedAfterBytes: s.afterGC.heapStatistics.usedHeapSize,
    }));
    const allocatedBytes = allocatedFromGcAccounting(this.usedStartBytes, usedEndBytes, gcs);
    return { method: 'gc-accounting', allocatedBytes, operations, bytesPerOp: perOp(allocatedBytes, operations), gcCount: gcs.length };
  }
}

/** 'sampling-heap-profiler' from a profile taken with collected objects included. */
export function allocationFromHeapProfile(profile: SamplingHeapProfile, operations: number): AllocationEstimate {
  const allocatedBytes = totalSampledBytes(profile);
  const samples = profile.samples?.length ?? 0;
  return {
    method: 'sampling-heap-profiler',
    allocatedBytes,
    operations,
    bytesPerOp: perOp(allocatedBytes, operations),
    samples,
    ...(samples > 0 ? { relativeStandardError: 1 / Math.sqrt(samples) } : {}),
  };
}
