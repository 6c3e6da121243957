import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topSelfTime, totalSampledMs } from '../../../harness/profile/cpu-profile-analysis.ts';
import { CpuProfiler } from '../../../harness/profile/cpu-profiler.ts';
import type { CpuProfile } from '../../../harness/profile/v8-profile-format.ts';

/** CPU-bound by iteration count; its name is what the profile must show. */
function spinForCpuProfile(iterations: number): number {
  let s = 0;
  for (let i = 0; i < iterations; i++) s += Math.sqrt(i) * Math.sin(i);
  return s;
}

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'varbench-cpu-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('CpuProfiler', () => {
  it('writes a .cpuprofile of the phase in which the hot function tops self time', async () => {
    const profiler = new CpuProfiler({ samplingIntervalUs: 100 });
    await profiler.start();
    let sink = 0;
    for (let round = 0; round < 30; round++) sink += spinForCpuProfile(1_000_000);
    const artifact = await profiler.stop(outDir, 'spin');
    expect(sink).not.toBe(0);

    expect(artifact.kind).toBe('cpu');
    expect(artifact.warning).toBeUndefined();
    expect(artifact.scope).toBe('measured-phase');
    expect(artifact.path).toBe(join(outDir, 'spin.cpuprofile'));
    const profile = JSON.parse(await readFile(artifact.path!, 'utf8')) as CpuProfile;
    expect(Array.isArray(profile.nodes)).toBe(true);
    expect(Array.isArray(profile.samples)).toBe(true);
    expect(Array.isArray(profile.timeDeltas)).toBe(true);
    expect(profile.samples!.length).toBeGreaterThan(0);
    expect(profile.timeDeltas!.length).toBe(profile.samples!.length);
    expect(artifact.samples).toBe(profile.samples!.length);
    expect(artifact.sizeBytes).toBeGreaterThan(0);

    const top = topSelfTime(profile, 10);
    const row = top.find((r) => r.functionName === 'spinForCpuProfile');
    expect(row).toBeDefined();
    expect(row!.url).toContain('cpu-profiler.test.ts');
    expect(row!.selfShare).toBeGreaterThan(0);
    expect(row!.selfMs).toBeLessThanOrEqual(totalSampledMs(profile));
    expect(profiler.profile).not.toBeNull();
  });
});

describe('CpuProfiler failures', () => {
  it('reports a profiler that never started as a warning, not an error', async () => {
    const artifact = await new CpuProfiler().stop(outDir, 'never');
    expect(artifact).toMatchObject({ kind: 'cpu', path: null, sizeBytes: 0 });
    expect(artifact.warning).toMatch(/did not run: start\(\) was not called/);
  });

  it('keeps the profile when source maps fail, and says so', async () => {
    const profiler = new CpuProfiler({ sourceMaps: () => { throw new Error('broken map'); } });
    await profiler.start();
    spinForCpuProfile(1_000_000);
    const artifact = await profiler.stop(outDir, 'unmapped');
    expect(artifact.path).toBe(join(outDir, 'unmapped.cpuprofile'));
    expect(artifact.warning).toMatch(/source maps failed: broken map/);
  });

  it('rejects a sampling interval that is not a positive integer before anything runs', () => {
    expect(() => new CpuProfiler({ samplingIntervalUs: 12.5 })).toThrow(/positive whole number of microseconds/);
  });
});
