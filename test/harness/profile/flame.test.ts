import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_WORK_LIMIT_MS } from '../../support/real-work-limit.ts';
import { CpuProfiler } from '../../../harness/profile/cpu-profiler.ts';
import { flamegraph, flamegraphFromCpuProfile } from '../../../harness/profile/flame.ts';
import { PROJECT_ROOT } from '../../../harness/profile/frame-location.ts';

const TARGET = 'test/harness/profile/fixtures/flame-target.ts';
const NODE_OPTIONS = ['--import', 'tsx'];

function spinForFlame(iterations: number): number {
  let s = 0;
  for (let i = 0; i < iterations; i++) s += Math.sqrt(i) * Math.cos(i);
  return s;
}

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'varbench-flame-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('flamegraph (a 0x run of a command)', () => {
  it('renders only the marked measured phase, with the TypeScript function names', async () => {
    const dir = join(outDir, 'marked');
    const artifact = await flamegraph({ command: [TARGET], cwd: PROJECT_ROOT, outDir: dir, nodeOptions: NODE_OPTIONS, timeoutMs: REAL_WORK_LIMIT_MS, baseName: 'target.flame' });

    expect(artifact).toMatchObject({ kind: 'flame', path: join(dir, 'target.flame.html'), scope: 'measured-phase' });
    expect(artifact.warning).toBeUndefined();
    expect(artifact.samples).toBeGreaterThan(0);
    const html = await readFile(artifact.path!, 'utf8');
    // Booleans, not toContain: a failing match would print half a megabyte of HTML.
    expect(html.includes('measuredHotLoop')).toBe(true);
    // Loading before the phase and work after it were cut away.
    expect(html.includes('loadPhaseWork')).toBe(false);
    expect(html.includes('afterPhaseWork')).toBe(false);
    // 0x's working folder and tick logs are cleaned up: the HTML is all that is left.
    expect(await readdir(dir)).toEqual(['target.flame.html']);
  });

  it('turns a command that fails into a warning, not an exception', async () => {
    const artifact = await flamegraph({
      command: ['test/harness/profile/fixtures/no-such-script.ts'], cwd: PROJECT_ROOT, outDir: join(outDir, 'bad'), nodeOptions: NODE_OPTIONS, timeoutMs: REAL_WORK_LIMIT_MS,
    });
    expect(artifact.kind).toBe('flame');
    expect(artifact.warning).toMatch(/exited with code 1/);
    expect(artifact.warning).toMatch(/no-such-script\.ts/);
  });

  it('turns a missing 0x into a warning', async () => {
    const artifact = await flamegraph({
      command: [TARGET], cwd: PROJECT_ROOT, outDir: join(outDir, 'missing'), nodeOptions: NODE_OPTIONS, timeoutMs: REAL_WORK_LIMIT_MS, zeroXCli: join(outDir, 'no-0x', 'cmd.js'),
    });
    expect(artifact).toMatchObject({ kind: 'flame', path: null, sizeBytes: 0 });
    expect(artifact.warning).toMatch(/0x \(collecting\) exited with code 1/);
  });
});

describe('flamegraphFromCpuProfile (0x rendering a measured-phase .cpuprofile)', () => {
  it('renders the profile with its function names', async () => {
    const dir = join(outDir, 'from-profile');
    const profiler = new CpuProfiler();
    await profiler.start();
    let sink = 0;
    for (let round = 0; round < 10; round++) sink += spinForFlame(1_000_000);
    const cpu = await profiler.stop(dir, 'spin');
    expect(sink).not.toBe(0);

    const artifact = await flamegraphFromCpuProfile({ cpuProfilePath: cpu.path!, baseName: 'spin.flame', title: 'spin', timeoutMs: REAL_WORK_LIMIT_MS });
    expect(artifact).toMatchObject({ kind: 'flame', path: join(dir, 'spin.flame.html'), scope: 'measured-phase' });
    expect(artifact.warning).toBeUndefined();
    expect((await readFile(artifact.path!, 'utf8')).includes('spinForFlame')).toBe(true);
  });

  it('warns when there is no profile to render', async () => {
    const artifact = await flamegraphFromCpuProfile({ cpuProfilePath: join(outDir, 'none.cpuprofile'), timeoutMs: 10_000 });
    expect(artifact).toMatchObject({ kind: 'flame', path: null });
    expect(artifact.warning).toMatch(/no CPU profile/);
  });
});
