/**
 * `--profile cpu,heap` end to end with real child processes: the profiles
 * are written inside the run folder, parse as V8 profiles, hold samples from
 * the store's own code, and the report links them relatively.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { captureStream } from '../support/capture-stream.ts';
import { main } from '../../harness/cli/main.ts';
import type { RunResults } from '../../harness/core/results.ts';
import type { MeasureResult } from '../../harness/subjects/storage/measure.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'varbench-profile-e2e-'));
const out = path.join(tmp, 'reports');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * mixed-70-20-10 at --quick's size, but with a fixed amount of measured work:
 * --quick also caps the phase at 0.3 s, and on a loaded machine the
 * profilers would then see whatever few ops fitted in it.
 */
function fixedWorkScenario(): string {
  const file = path.join(tmp, 'profiled-mix.ts');
  const harness = fileURLToPath(new URL('../../scenarios/define.ts', import.meta.url));
  const mixed = fileURLToPath(new URL('../../scenarios/mixed-70-20-10.ts', import.meta.url));
  writeFileSync(
    file,
    `import { defineScenario } from ${JSON.stringify(harness)};\n` +
      `import mixed from ${JSON.stringify(mixed)};\n` +
      `export default defineScenario({ ...mixed, name: 'profiled-mix', description: 'mixed-70-20-10, 5,000 records, 20,000 ops, no time cap',\n` +
      `  dataset: { ...mixed.dataset, records: 5_000 }, workload: { mix: mixed.workload.mix, operations: 20_000, concurrency: 64 },\n` +
      `  warmup: { operations: 1_000, maxDurationMs: 100 }, repeats: 1 });\n`,
  );
  return file;
}

describe('--profile cpu,heap', () => {
  it('writes parseable profiles with samples from the store code, linked from the report', async () => {
    const stdout = captureStream();
    const stderr = captureStream();
    const code = await main(
      ['--scenario', fixedWorkScenario(), '--variant', 'batched', '--profile', 'cpu,heap', '--out', out],
      { stdout, stderr, env: { CI: 'true' } },
    );
    expect(stderr.text()).not.toContain('failed');
    expect(code).toBe(0);

    const [runName] = readdirSync(out);
    const runDir = path.join(out, runName!);
    const results = JSON.parse(readFileSync(path.join(runDir, 'results.json'), 'utf8')) as RunResults;
    const cpuJob = results.results.find((r) => r.profile?.kind === 'cpu')!;
    const heapJob = results.results.find((r) => r.profile?.kind === 'heap')!;
    expect(cpuJob.status).toBe('ok');
    expect(heapJob.status).toBe('ok');

    // The CPU profile: V8's format, with samples, some in the store's code.
    const cpuArtifact = cpuJob.findings!.artifacts.find((a) => a.kind === 'cpu')!;
    expect(path.isAbsolute(cpuArtifact.path!)).toBe(false);
    const cpu = JSON.parse(readFileSync(path.join(runDir, cpuArtifact.path!), 'utf8')) as {
      nodes: { id: number; callFrame: { url: string; functionName: string } }[];
      samples: number[];
      timeDeltas: number[];
    };
    expect(cpu.samples.length).toBeGreaterThan(10);
    expect(cpu.timeDeltas.length).toBe(cpu.samples.length);
    const sampled = new Set(cpu.samples);
    const storeNodes = cpu.nodes.filter((n) => n.callFrame.url.includes('variants/storage/') && sampled.has(n.id));
    expect(storeNodes.length).toBeGreaterThan(0);

    // The heap profile: V8's sampling format, with allocation samples from the store.
    const heapArtifact = heapJob.findings!.artifacts.find((a) => a.kind === 'heap')!;
    const heap = JSON.parse(readFileSync(path.join(runDir, heapArtifact.path!), 'utf8')) as { head: unknown; samples: unknown[] };
    expect(heap.head).toBeTruthy();
    expect(heap.samples.length).toBeGreaterThan(0);
    expect(heapJob.findings!.allocationSites!.some((row) => row.url.startsWith('variants/storage/'))).toBe(true);
    expect((heapJob.measure as MeasureResult).allocation.method).toBe('sampling-heap-profiler');

    // The report links both, relative to itself, so the folder can be moved.
    const html = readFileSync(path.join(runDir, 'index.html'), 'utf8');
    expect(html).toContain(`href="${cpuArtifact.path}"`);
    expect(html).toContain(`href="${heapArtifact.path}"`);
    expect(existsSync(path.join(runDir, cpuArtifact.path!))).toBe(true);

    // Profiled jobs stay out of the timing statistics: one timed repeat only.
    expect(results.results.filter((r) => r.variant === 'batched' && r.profile === null)).toHaveLength(1);
  });
});
