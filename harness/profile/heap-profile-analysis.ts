/**
 * Pure reading of a .heapprofile (V8's sampling heap profile): which
 * functions allocated the most bytes.
 *
 * A node's selfSize is V8's scaled estimate of the bytes allocated directly
 * in that function (see v8-profile-format.ts), so sums over the tree estimate
 * totals. What the sum means depends on how sampling was started: with
 * includeObjectsCollectedByMajorGC/MinorGC (heap-profiler.ts sets both) it is
 * everything allocated during the phase; without them, only what was still
 * alive when sampling stopped.
 */
import { frameLocation, locationKey, PROJECT_ROOT, type FrameLocation } from './frame-location.ts';
import type { SamplingHeapProfile, SamplingHeapProfileNode } from './v8-profile-format.ts';

export interface AllocationSiteRow extends FrameLocation {
  readonly bytes: number;
  /** bytes / totalSampledBytes, in [0, 1]. */
  readonly share: number;
}

/** Iterative walk: allocation trees of deep recursions would overflow a recursive one. */
function eachNode(profile: SamplingHeapProfile, visit: (node: SamplingHeapProfileNode) => void): void {
  const stack: SamplingHeapProfileNode[] = [profile.head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    for (const child of node.children) stack.push(child);
  }
}

/** Estimated bytes allocated (or retained, see above) over the whole profile. */
export function totalSampledBytes(profile: SamplingHeapProfile): number {
  let total = 0;
  eachNode(profile, (node) => {
    total += node.selfSize;
  });
  return total;
}

/**
 * The `n` allocation sites with the most bytes, aggregated by function name,
 * script and line, largest first; ties by name then script.
 */
export function topAllocationSites(profile: SamplingHeapProfile, n = 10, projectRoot: string = PROJECT_ROOT): AllocationSiteRow[] {
  const rows = new Map<string, { location: FrameLocation; bytes: number }>();
  let total = 0;
  eachNode(profile, (node) => {
    if (node.selfSize <= 0) return;
    total += node.selfSize;
    const location = frameLocation(node.callFrame, projectRoot);
    const key = locationKey(location);
    const row = rows.get(key);
    if (row) row.bytes += node.selfSize;
    else rows.set(key, { location, bytes: node.selfSize });
  });
  return [...rows.values()]
    .sort((a, b) => b.bytes - a.bytes || a.location.functionName.localeCompare(b.location.functionName) || a.location.url.localeCompare(b.location.url))
    .slice(0, n)
    .map(({ location, bytes }) => ({ ...location, bytes, share: total > 0 ? bytes / total : 0 }));
}
