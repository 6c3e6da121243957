/**
 * What the CPU and heap profilers share: each opens an inspector session of
 * its own (inspector-session.ts), starts its V8 profiler on it, and on stop
 * takes the profile, closes the session and saves the profile
 * (save-profile.ts). A subclass says only which protocol calls start and
 * stop it, where its frames are, and how its file and messages are named.
 *
 * Never throws after construction (profiler.ts): a start that fails is
 * remembered and reported by stop() as a missing artifact with the reason.
 */
import type { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { VarbenchError } from '../core/errors.ts';
import { connectSession, disconnectQuietly } from './inspector-session.ts';
import { missingArtifact, reasonOf, type ProfileArtifact, type Profiler } from './profiler.ts';
import { saveProfile } from './save-profile.ts';
import { nodeSourceMaps, type SourceMapLookup } from './source-positions.ts';
import type { CallFrame } from './v8-profile-format.ts';

/** How one profiler's file and messages are named. */
export interface InspectorProfileNaming {
  /** The profiler in messages: 'CPU profiler' ('... did not run'). */
  readonly profiler: string;
  /** Its profile in messages: 'CPU profile' ('... could not be taken'). */
  readonly profile: string;
  /** The file's extension, dot included: '.cpuprofile'. */
  readonly extension: string;
}

export abstract class InspectorProfiler<P extends { readonly samples?: readonly unknown[] }> implements Profiler {
  abstract readonly kind: 'cpu' | 'heap';
  private readonly sourceMaps: SourceMapLookup | null;
  private session: Session | null = null;
  private startFailure: string | null = null;
  private lastProfile: P | null = null;

  /** `sourceMaps`: undefined for Node's own lookup, null to write V8's positions unchanged. */
  protected constructor(
    private readonly naming: InspectorProfileNaming,
    sourceMaps: SourceMapLookup | null | undefined,
  ) {
    this.sourceMaps = sourceMaps === undefined ? nodeSourceMaps : sourceMaps;
  }

  /** The profile taken by the last successful stop(), positions already mapped to the sources. */
  get profile(): P | null {
    return this.lastProfile;
  }

  /** Enables the profiler's domain on `session` and starts it. */
  protected abstract begin(session: Session): Promise<void>;
  /** Stops the profiler on `session` and returns what it took. */
  protected abstract end(session: Session): Promise<P>;
  /** Every call frame of `profile`, for mapping positions to the sources in place. */
  protected abstract frames(profile: P): Iterable<CallFrame>;
  /** The warning for a profile that holds no samples. */
  protected abstract emptyWarning(): string;

  async start(): Promise<void> {
    if (this.session) return;
    let session: Session | null = null;
    try {
      session = connectSession();
      await this.begin(session);
      this.session = session;
      this.startFailure = null;
    } catch (error) {
      this.startFailure = reasonOf(error);
      if (session) disconnectQuietly(session);
    }
  }

  async stop(outDir: string, baseName: string): Promise<ProfileArtifact> {
    const { profiler, profile: label, extension } = this.naming;
    const session = this.session;
    this.session = null;
    if (!session) return missingArtifact(this.kind, `${profiler} did not run: ${this.startFailure ?? 'start() was not called'}`);
    let profile: P;
    try {
      profile = await this.end(session);
    } catch (error) {
      return missingArtifact(this.kind, `${label} could not be taken: ${reasonOf(error)}`);
    } finally {
      disconnectQuietly(session);
    }
    // Kept mapped in memory too, for the report's tables (topSelfTime, topAllocationSites).
    const artifact = await saveProfile({
      kind: this.kind,
      label,
      profile,
      frames: () => this.frames(profile),
      sourceMaps: this.sourceMaps,
      path: join(outDir, `${baseName}${extension}`),
      emptyWarning: this.emptyWarning(),
    });
    this.lastProfile = profile;
    return artifact;
  }
}

/**
 * A sampling interval from the options, or `fallback`; a usage error before
 * anything runs unless it is a positive whole number. `what` and `unit` name
 * it in the message ('CPU sampling interval', 'microseconds').
 */
export function samplingInterval(value: number | undefined, fallback: number, what: string, unit: string): number {
  const interval = value ?? fallback;
  if (!Number.isInteger(interval) || interval <= 0) {
    throw new VarbenchError('USAGE', `${what} must be a positive whole number of ${unit}, got ${String(interval)}; try ${fallback}`);
  }
  return interval;
}
