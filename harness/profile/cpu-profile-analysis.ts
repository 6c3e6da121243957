/**
 * Pure reading of a .cpuprofile: where the sampled time went, by function.
 *
 * Self time is computed from the sample timeline, as Chrome DevTools does
 * (CPUProfileDataModel): sample i lasts from its timestamp to the next
 * sample's, the last one until the profile's endTime. That weights samples by
 * the interval actually elapsed (V8's sampler drifts from the requested one
 * under load) instead of counting hits. Profiles without a timeline (old
 * format: hitCount only) spread endTime - startTime evenly over the hits.
 *
 * Pseudo-frames stay in: '(garbage collector)' is GC time, '(idle)' is the
 * event loop waiting (for the pooled variant's reader threads, say),
 * '(program)' is V8 or native code outside any JS function.
 */
import { frameLocation, locationKey, PROJECT_ROOT, type FrameLocation } from './frame-location.ts';
import type { CpuProfile } from './v8-profile-format.ts';

export interface SelfTimeRow extends FrameLocation {
  readonly selfMs: number;
  /** selfMs / totalSampledMs, in [0, 1]. */
  readonly selfShare: number;
}

/** Microseconds attributed to each sample (same order as profile.samples). */
function sampleDurationsUs(profile: CpuProfile): number[] | null {
  const { samples, timeDeltas } = profile;
  if (!samples || !timeDeltas || samples.length === 0 || timeDeltas.length !== samples.length) return null;
  const timestamps = new Array<number>(samples.length);
  let t = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i]!;
    timestamps[i] = t;
  }
  const durations = new Array<number>(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const next = i + 1 < samples.length ? timestamps[i + 1]! : profile.endTime;
    // V8 occasionally records a sample out of order (negative delta); such a sample gets no time.
    durations[i] = Math.max(0, next - timestamps[i]!);
  }
  return durations;
}

/** Microseconds of self time per node id. */
function selfTimeByNodeUs(profile: CpuProfile): Map<number, number> {
  const byNode = new Map<number, number>();
  const durations = sampleDurationsUs(profile);
  if (durations) {
    profile.samples!.forEach((nodeId, i) => byNode.set(nodeId, (byNode.get(nodeId) ?? 0) + durations[i]!));
    return byNode;
  }
  const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  if (hits === 0) return byNode;
  const perHitUs = Math.max(0, profile.endTime - profile.startTime) / hits;
  for (const node of profile.nodes) if (node.hitCount) byNode.set(node.id, node.hitCount * perHitUs);
  return byNode;
}

/** Milliseconds the samples cover (the denominator of every share). */
export function totalSampledMs(profile: CpuProfile): number {
  let totalUs = 0;
  for (const us of selfTimeByNodeUs(profile).values()) totalUs += us;
  return totalUs / 1000;
}

/**
 * The `n` functions with the most self time, aggregated by function name,
 * script and line (one row for a function reached by several call paths),
 * largest first; ties by name then script, so the order is stable.
 */
export function topSelfTime(profile: CpuProfile, n = 10, projectRoot: string = PROJECT_ROOT): SelfTimeRow[] {
  const byNode = selfTimeByNodeUs(profile);
  let totalUs = 0;
  for (const us of byNode.values()) totalUs += us;
  const rows = new Map<string, { location: FrameLocation; us: number }>();
  for (const node of profile.nodes) {
    const us = byNode.get(node.id);
    if (!us) continue;
    const location = frameLocation(node.callFrame, projectRoot);
    const key = locationKey(location);
    const row = rows.get(key);
    if (row) row.us += us;
    else rows.set(key, { location, us });
  }
  return [...rows.values()]
    .sort((a, b) => b.us - a.us || a.location.functionName.localeCompare(b.location.functionName) || a.location.url.localeCompare(b.location.url))
    .slice(0, n)
    .map(({ location, us }) => ({ ...location, selfMs: us / 1000, selfShare: totalUs > 0 ? us / totalUs : 0 }));
}
