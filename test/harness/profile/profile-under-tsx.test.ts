import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topSelfTime } from '../../../harness/profile/cpu-profile-analysis.ts';
import { PROJECT_ROOT } from '../../../harness/profile/frame-location.ts';
import { topAllocationSites } from '../../../harness/profile/heap-profile-analysis.ts';
import type { ProfileArtifact } from '../../../harness/profile/profiler.ts';
import type { CpuProfile, SamplingHeapProfile } from '../../../harness/profile/v8-profile-format.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/profile-under-tsx.ts', import.meta.url));

/** 1-based line of the first source line containing `text`. */
async function lineOf(text: string): Promise<number> {
  const lines = (await readFile(FIXTURE, 'utf8')).split('\n');
  return lines.findIndex((line) => line.includes(text)) + 1;
}

let outDir: string;
let artifacts: { sink: boolean; cpu: ProfileArtifact; heap: ProfileArtifact };
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'varbench-tsx-'));
  // The way the worker runs: node --import tsx, so tsx's source maps are the ones Node holds.
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', FIXTURE, outDir], { cwd: PROJECT_ROOT });
  artifacts = JSON.parse(stdout.trim().split('\n').at(-1)!) as typeof artifacts;
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('profiles of TypeScript run by tsx', () => {
  it('name the hot function with its line in the .ts source', async () => {
    expect(artifacts.cpu.warning).toBeUndefined();
    const profile = JSON.parse(await readFile(artifacts.cpu.path!, 'utf8')) as CpuProfile;
    const row = topSelfTime(profile, 10).find((r) => r.functionName === 'tsxHotLoop');
    expect(row).toMatchObject({ url: 'test/harness/profile/fixtures/profile-under-tsx.ts', line: await lineOf('function tsxHotLoop(') });
  });

  it('name the allocating function with its line in the .ts source', async () => {
    expect(artifacts.heap.warning).toBeUndefined();
    const profile = JSON.parse(await readFile(artifacts.heap.path!, 'utf8')) as SamplingHeapProfile;
    const [top] = topAllocationSites(profile, 10);
    expect(top).toMatchObject({ functionName: 'tsxAllocate', url: 'test/harness/profile/fixtures/profile-under-tsx.ts', line: await lineOf('function tsxAllocate(') });
  });
});
