/**
 * A V8 CPU profile of one phase of this process, through the inspector
 * protocol's Profiler domain on an in-process session (node:inspector/promises,
 * Node >= 19): Profiler.enable, setSamplingInterval, start ... stop. Written as
 * a .cpuprofile, the Profiler.Profile JSON that Chrome DevTools (Performance
 * panel, "Load profile"), speedscope and `0x --visualize-cpu-profile` open.
 *
 * Limits:
 * - The session profiles this thread's isolate only: worker threads (the
 *   pooled variant's readers) run in isolates of their own and are absent;
 *   their work shows here as '(idle)' time waiting for their answers.
 * - Sampling costs the profiled thread a signal and a stack walk per tick
 *   (V8's sampler thread, SIGPROF on Linux): at 100 µs, a few per cent of
 *   throughput. That is why profiles come from a separate profiled process,
 *   never from the timed runs.
 * - Time in native code called from JS (better-sqlite3's statements, fsync
 *   inside them) is self time of the JS-visible native function that was
 *   called; native frames below it are not resolved.
 */
import type { Session } from 'node:inspector/promises';
import { InspectorProfiler, samplingInterval } from './inspector-profiler.ts';
import type { SourceMapLookup } from './source-positions.ts';
import type { CallFrame, CpuProfile } from './v8-profile-format.ts';

/**
 * 100 µs: 10,000 samples a second, so a 1-second phase resolves a function
 * holding 1% of the time with ~100 samples. V8's own default (1000 µs, also
 * Node's --cpu-prof-interval) would give 10.
 */
export const DEFAULT_CPU_SAMPLING_INTERVAL_US = 100;

export interface CpuProfilerOptions {
  /** Microseconds between samples (Profiler.setSamplingInterval); a positive integer. */
  readonly samplingIntervalUs?: number;
  /** Where to find source maps of transpiled scripts; null writes V8's positions unchanged. */
  readonly sourceMaps?: SourceMapLookup | null;
}

export class CpuProfiler extends InspectorProfiler<CpuProfile> {
  readonly kind = 'cpu' as const;
  readonly samplingIntervalUs: number;

  constructor(options: CpuProfilerOptions = {}) {
    super({ profiler: 'CPU profiler', profile: 'CPU profile', extension: '.cpuprofile' }, options.sourceMaps);
    this.samplingIntervalUs = samplingInterval(
      options.samplingIntervalUs, DEFAULT_CPU_SAMPLING_INTERVAL_US, 'CPU sampling interval', 'microseconds',
    );
  }

  protected async begin(session: Session): Promise<void> {
    await session.post('Profiler.enable');
    // Must precede Profiler.start: V8 fixes the interval when a profile begins.
    await session.post('Profiler.setSamplingInterval', { interval: this.samplingIntervalUs });
    await session.post('Profiler.start');
  }

  protected async end(session: Session): Promise<CpuProfile> {
    return (await session.post('Profiler.stop')).profile as CpuProfile;
  }

  protected frames(profile: CpuProfile): Iterable<CallFrame> {
    return profile.nodes.map((node) => node.callFrame);
  }

  protected emptyWarning(): string {
    return 'the CPU profile holds no samples: the phase was shorter than the sampling interval';
  }
}
