/**
 * V8's sampling heap profiler over one phase of this process, through the
 * inspector protocol (HeapProfiler.startSampling / stopSampling on an
 * in-process session), written as a .heapprofile: the SamplingHeapProfile
 * JSON that Chrome DevTools (Memory panel, "Load profile") and speedscope
 * open.
 *
 * How it samples (v8/src/profiler/sampling-heap-profiler.cc): an allocation
 * observer fires after a random number of allocated bytes, exponentially
 * distributed with mean `samplingIntervalBytes`, and records the stack of the
 * allocation it lands on; each sample is scaled so node sizes estimate all
 * allocations. By default V8 drops a sample when its object is collected, so
 * the profile shows only what survived the phase. Both
 * includeObjectsCollectedBy{Major,Minor}GC flags are set here (honoured by
 * Node 20's V8 11.3; checked by the tests), so the profile counts every byte
 * allocated during the phase: allocation pressure, which is what costs a
 * benchmark its GC time. Retention is heap-growth.ts's business.
 *
 * Limits: only this thread's V8 heap. Off-heap memory (ArrayBuffer and Buffer
 * contents, SQLite's own malloc) and worker threads are not seen. Each
 * sample's stack walk runs inside the allocating function, so with the CPU
 * profiler on at the same time, allocation-heavy functions gain self time;
 * take the two in separate profiled runs when their figures are compared.
 */
import type { Session } from 'node:inspector/promises';
import { InspectorProfiler, samplingInterval } from './inspector-profiler.ts';
import type { SourceMapLookup } from './source-positions.ts';
import type { CallFrame, SamplingHeapProfile, SamplingHeapProfileNode } from './v8-profile-format.ts';

/**
 * V8's own default (32 KiB). Each sample costs a stack walk; at 32 KiB a phase
 * allocating 1 GB takes ~30,000 samples, and a phase's total is estimated to
 * within ~1/sqrt(samples) (allocated-bytes.ts).
 */
export const DEFAULT_HEAP_SAMPLING_INTERVAL_BYTES = 32 * 1024;

export interface HeapProfilerOptions {
  /** Mean bytes between samples; a positive integer. */
  readonly samplingIntervalBytes?: number;
  /** Keep samples of objects collected during the phase (default true: allocations, not survivors). */
  readonly includeCollected?: boolean;
  readonly sourceMaps?: SourceMapLookup | null;
}

export class HeapProfiler extends InspectorProfiler<SamplingHeapProfile> {
  readonly kind = 'heap' as const;
  readonly samplingIntervalBytes: number;
  readonly includeCollected: boolean;

  constructor(options: HeapProfilerOptions = {}) {
    super({ profiler: 'heap profiler', profile: 'heap profile', extension: '.heapprofile' }, options.sourceMaps);
    this.samplingIntervalBytes = samplingInterval(
      options.samplingIntervalBytes, DEFAULT_HEAP_SAMPLING_INTERVAL_BYTES, 'heap sampling interval', 'bytes',
    );
    this.includeCollected = options.includeCollected ?? true;
  }

  protected async begin(session: Session): Promise<void> {
    await session.post('HeapProfiler.enable');
    // The include* flags are in the protocol (HeapProfiler.startSampling) but not yet in @types/node 20.
    const params = {
      samplingInterval: this.samplingIntervalBytes,
      includeObjectsCollectedByMajorGC: this.includeCollected,
      includeObjectsCollectedByMinorGC: this.includeCollected,
    };
    await session.post('HeapProfiler.startSampling', params as { samplingInterval: number });
  }

  protected async end(session: Session): Promise<SamplingHeapProfile> {
    return (await session.post('HeapProfiler.stopSampling')).profile as SamplingHeapProfile;
  }

  protected frames(profile: SamplingHeapProfile): Iterable<CallFrame> {
    return framesOf(profile.head);
  }

  protected emptyWarning(): string {
    return `the heap profile holds no samples: the phase allocated less than ~${this.samplingIntervalBytes} bytes`;
  }
}

function* framesOf(head: SamplingHeapProfileNode): Generator<CallFrame> {
  const stack = [head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node.callFrame;
    stack.push(...node.children);
  }
}
