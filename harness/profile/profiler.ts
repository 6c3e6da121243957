/**
 * The one interface every in-process profiler implements, and the record of
 * what a profiler (in process or a tool run in a child) leaves behind.
 *
 * The worker wraps the measured phase only: `start()` right before the timed
 * loop, `stop()` right after it, so dataset loading, verification and warmup
 * stay out of every profile. Profilers never throw: a profiler that cannot
 * start or write becomes an artifact with a `warning` (issue 4, "Robustness":
 * a failing profiler is a warning in the report, never a failed run).
 */

export type ProfileKind = 'cpu' | 'heap' | 'flame' | 'doctor';

/**
 * What a profile covers. 'measured-phase' only when the tool was limited to
 * the timed loop; anything else says so, and `warning` says why.
 */
export type ProfileScope = 'measured-phase' | 'whole-process';

export interface ProfileArtifact {
  readonly kind: ProfileKind;
  /** The file written (absolute), or null when nothing could be written. */
  readonly path: string | null;
  readonly sizeBytes: number;
  /** Samples the profile holds (CPU ticks, heap samples), where the format has them. */
  readonly samples?: number;
  readonly scope?: ProfileScope;
  /** Why the artifact is missing, partial or covers more than the measured phase. */
  readonly warning?: string;
}

export interface Profiler {
  readonly kind: 'cpu' | 'heap';
  /** Never rejects; a failure to start is reported by `stop`. */
  start(): Promise<void>;
  /** Writes `<outDir>/<baseName>.<ext>`; never rejects. */
  stop(outDir: string, baseName: string): Promise<ProfileArtifact>;
}

/** The artifact of a profiler that produced nothing. */
export function missingArtifact(kind: ProfileKind, warning: string): ProfileArtifact {
  return { kind, path: null, sizeBytes: 0, warning };
}

/** A one-line reason from anything thrown (profilers turn errors into warnings). */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `{ warning }` joining the reasons, or nothing when there are none (spread into an artifact). */
export function warningOf(reasons: readonly string[]): { warning?: string } {
  return reasons.length > 0 ? { warning: reasons.join('; ') } : {};
}
