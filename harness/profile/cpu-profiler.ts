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
import { join } from 'node:path';
import { VarbenchError } from '../core/errors.ts';
import { connectSession, disconnectQuietly } from './inspector-session.ts';
import { missingArtifact, reasonOf, type ProfileArtifact, type Profiler } from './profiler.ts';
import { saveProfile } from './save-profile.ts';
import { nodeSourceMaps, type SourceMapLookup } from './source-positions.ts';
import type { CpuProfile } from './v8-profile-format.ts';

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

export class CpuProfiler implements Profiler {
  readonly kind = 'cpu' as const;
  readonly samplingIntervalUs: number;
  private readonly sourceMaps: SourceMapLookup | null;
  private session: Session | null = null;
  private startFailure: string | null = null;
  private lastProfile: CpuProfile | null = null;

  constructor(options: CpuProfilerOptions = {}) {
    const interval = options.samplingIntervalUs ?? DEFAULT_CPU_SAMPLING_INTERVAL_US;
    if (!Number.isInteger(interval) || interval <= 0) {
      throw new VarbenchError(
        'USAGE',
        `CPU sampling interval must be a positive whole number of microseconds, got ${String(interval)}; try ${DEFAULT_CPU_SAMPLING_INTERVAL_US}`,
      );
    }
    this.samplingIntervalUs = interval;
    this.sourceMaps = options.sourceMaps === undefined ? nodeSourceMaps : options.sourceMaps;
  }

  /** The profile taken by the last successful stop(), positions already mapped to the sources. */
  get profile(): CpuProfile | null {
    return this.lastProfile;
  }

  async start(): Promise<void> {
    if (this.session) return;
    let session: Session | null = null;
    try {
      session = connectSession();
      await session.post('Profiler.enable');
      // Must precede Profiler.start: V8 fixes the interval when a profile begins.
      await session.post('Profiler.setSamplingInterval', { interval: this.samplingIntervalUs });
      await session.post('Profiler.start');
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
    if (!session) return missingArtifact('cpu', `CPU profiler did not run: ${this.startFailure ?? 'start() was not called'}`);
    let profile: CpuProfile;
    try {
      profile = (await session.post('Profiler.stop')).profile as CpuProfile;
    } catch (error) {
      return missingArtifact('cpu', `CPU profile could not be taken: ${reasonOf(error)}`);
    } finally {
      disconnectQuietly(session);
    }
    // Kept mapped in memory too, for the report's tables (topSelfTime).
    const artifact = await saveProfile({
      kind: 'cpu',
      label: 'CPU profile',
      profile,
      frames: () => profile.nodes.map((node) => node.callFrame),
      sourceMaps: this.sourceMaps,
      path: join(outDir, `${baseName}.cpuprofile`),
      emptyWarning: 'the CPU profile holds no samples: the phase was shorter than the sampling interval',
    });
    this.lastProfile = profile;
    return artifact;
  }
}
