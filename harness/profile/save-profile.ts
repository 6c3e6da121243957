/**
 * What the CPU and heap profilers do once V8 has handed over a profile: map
 * its positions back to the TypeScript sources, write it whole, and describe
 * the result as an artifact, with a warning for an empty profile or for
 * positions left unmapped. Never rejects: a failure is a missing artifact.
 */
import type { CallFrame } from './v8-profile-format.ts';
import { writeJsonWhole } from './artifact-file.ts';
import { missingArtifact, reasonOf, warningOf, type ProfileArtifact } from './profiler.ts';
import { mapFramesToSource, type SourceMapLookup } from './source-positions.ts';

export interface SaveProfileOptions {
  readonly kind: 'cpu' | 'heap';
  /** How messages name it: 'CPU profile', 'heap profile'. */
  readonly label: string;
  readonly profile: { readonly samples?: readonly unknown[] };
  readonly frames: () => Iterable<CallFrame>;
  readonly sourceMaps: SourceMapLookup | null;
  readonly path: string;
  /** The warning when the profile holds no samples. */
  readonly emptyWarning: string;
}

export async function saveProfile(options: SaveProfileOptions): Promise<ProfileArtifact> {
  const { kind, label, profile, path } = options;
  const notes: string[] = [];
  try {
    if (options.sourceMaps) mapFramesToSource(options.frames(), options.sourceMaps);
  } catch (error) {
    notes.push(`positions left as V8 reported them (source maps failed: ${reasonOf(error)})`);
  }
  const samples = profile.samples?.length ?? 0;
  try {
    const sizeBytes = await writeJsonWhole(path, profile);
    return {
      kind, path, sizeBytes, samples, scope: 'measured-phase',
      ...warningOf([...(samples === 0 ? [options.emptyWarning] : []), ...notes]),
    };
  } catch (error) {
    return { ...missingArtifact(kind, `${label} (${samples} samples) could not be written to ${path}: ${reasonOf(error)}`), samples };
  }
}
