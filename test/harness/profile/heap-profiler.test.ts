import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topAllocationSites, totalSampledBytes } from '../../../harness/profile/heap-profile-analysis.ts';
import { HeapProfiler } from '../../../harness/profile/heap-profiler.ts';
import type { SamplingHeapProfile } from '../../../harness/profile/v8-profile-format.ts';

/** ~35 MB of short-lived arrays (200,000 x a 16-slot array), all garbage by the end. */
function allocateForHeapProfile(count: number): number {
  let total = 0;
  for (let i = 0; i < count; i++) total += new Array<number>(16).fill(i).length;
  return total;
}

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'varbench-heap-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('HeapProfiler', () => {
  it('writes a .heapprofile whose top allocation site is the allocating function, garbage included', async () => {
    const profiler = new HeapProfiler();
    await profiler.start();
    expect(allocateForHeapProfile(200_000)).toBe(3_200_000);
    const artifact = await profiler.stop(outDir, 'alloc');

    expect(artifact).toMatchObject({ kind: 'heap', path: join(outDir, 'alloc.heapprofile'), scope: 'measured-phase' });
    expect(artifact.warning).toBeUndefined();
    const profile = JSON.parse(await readFile(artifact.path!, 'utf8')) as SamplingHeapProfile;
    expect(profile.head.children.length).toBeGreaterThan(0);
    expect(artifact.samples).toBe(profile.samples!.length);

    const [top] = topAllocationSites(profile, 10);
    expect(top!.functionName).toBe('allocateForHeapProfile');
    expect(top!.url).toContain('heap-profiler.test.ts');
    expect(top!.share).toBeGreaterThan(0.5);
    // Each array is 32 bytes of JSArray plus a 144-byte backing store: ~35 MB allocated.
    // Only counting collected objects gets near that: the arrays are garbage by now.
    expect(totalSampledBytes(profile)).toBeGreaterThan(20_000_000);
    expect(profiler.profile).not.toBeNull();
  });

  it('reports a profiler that never started as a warning, not an error', async () => {
    const artifact = await new HeapProfiler().stop(outDir, 'never');
    expect(artifact).toMatchObject({ kind: 'heap', path: null, sizeBytes: 0 });
    expect(artifact.warning).toMatch(/did not run/);
  });

  it('rejects a sampling interval that is not a positive integer before anything runs', () => {
    expect(() => new HeapProfiler({ samplingIntervalBytes: 0 })).toThrow(/positive whole number of bytes/);
  });
});
