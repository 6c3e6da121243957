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
import { join } from 'node:path';
import { VarbenchError } from '../core/errors.ts';
import { connectSession, disconnectQuietly } from './inspector-session.ts';
import { missingArtifact, reasonOf, type ProfileArtifact, type Profiler } from './profiler.ts';
import { saveProfile } from './save-profile.ts';
import { nodeSourceMaps, type SourceMapLookup } from './source-positions.ts';
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

export class HeapProfiler implements Profiler {
  readonly kind = 'heap' as const;
  readonly samplingIntervalBytes: number;
  readonly includeCollected: boolean;
  private readonly sourceMaps: SourceMapLookup | null;
  private session: Session | null = null;
  private startFailure: string | null = null;
  private lastProfile: SamplingHeapProfile | null = null;

  constructor(options: HeapProfilerOptions = {}) {
    const interval = options.samplingIntervalBytes ?? DEFAULT_HEAP_SAMPLING_INTERVAL_BYTES;
    if (!Number.isInteger(interval) || interval <= 0) {
      throw new VarbenchError(
        'USAGE',
        `heap sampling interval must be a positive whole number of bytes, got ${String(interval)}; try ${DEFAULT_HEAP_SAMPLING_INTERVAL_BYTES}`,
      );
    }
    this.samplingIntervalBytes = interval;
    this.includeCollected = options.includeCollected ?? true;
    this.sourceMaps = options.sourceMaps === undefined ? nodeSourceMaps : options.sourceMaps;
  }

  get profile(): SamplingHeapProfile | null {
    return this.lastProfile;
  }

  async start(): Promise<void> {
    if (this.session) return;
    let session: Session | null = null;
    try {
      session = connectSession();
      await session.post('HeapProfiler.enable');
      // The include* flags are in the protocol (HeapProfiler.startSampling) but not yet in @types/node 20.
      const params = {
        samplingInterval: this.samplingIntervalBytes,
        includeObjectsCollectedByMajorGC: this.includeCollected,
        includeObjectsCollectedByMinorGC: this.includeCollected,
      };
      await session.post('HeapProfiler.startSampling', params as { samplingInterval: number });
      this.session = session;
      this.startFailure = null;
    } catch (error) {
      this.startFailure = reasonOf(error);
      if (session) disconnectQuietly(session);
    }
  }

  async stop(outDir: string, baseName: string): Promise<ProfileArtifact> {
    const session = this.session;
    this.session = null;
    if (!session) return missingArtifact('heap', `heap profiler did not run: ${this.startFailure ?? 'start() was not called'}`);
    let profile: SamplingHeapProfile;
    try {
      profile = (await session.post('HeapProfiler.stopSampling')).profile as SamplingHeapProfile;
    } catch (error) {
      return missingArtifact('heap', `heap profile could not be taken: ${reasonOf(error)}`);
    } finally {
      disconnectQuietly(session);
    }
    const artifact = await saveProfile({
      kind: 'heap',
      label: 'heap profile',
      profile,
      frames: () => framesOf(profile.head),
      sourceMaps: this.sourceMaps,
      path: join(outDir, `${baseName}.heapprofile`),
      emptyWarning: `the heap profile holds no samples: the phase allocated less than ~${this.samplingIntervalBytes} bytes`,
    });
    this.lastProfile = profile;
    return artifact;
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
