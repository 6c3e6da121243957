import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AllocationCounter, allocatedFromGcAccounting, allocationFromHeapProfile } from '../../../harness/instruments/allocated-bytes.ts';
import { HeapProfiler } from '../../../harness/profile/heap-profiler.ts';
import { totalSampledBytes } from '../../../harness/profile/heap-profile-analysis.ts';
import type { SamplingHeapProfile } from '../../../harness/profile/v8-profile-format.ts';

const kept: number[][] = [];

/** Short-lived arrays with one in eight kept, so both young and old generation collect. */
function churn(count: number): void {
  for (let i = 0; i < count; i++) {
    const a = new Array<number>(16).fill(i);
    if (i % 8 === 0) kept.push(a);
  }
}

describe('allocated bytes', () => {
  it('adds what each GC freed to the growth of the heap in use', () => {
    expect(allocatedFromGcAccounting(1_000, 1_500, [])).toBe(500);
    expect(
      allocatedFromGcAccounting(1_000, 1_200, [
        { usedBeforeBytes: 5_000, usedAfterBytes: 2_000 },
        { usedBeforeBytes: 4_000, usedAfterBytes: 1_000 },
      ]),
    ).toBe(6_200);
  });

  it('reads a sampling heap profile as a sample with its standard error', () => {
    const profile: SamplingHeapProfile = {
      head: { callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, selfSize: 0, id: 1, children: [
        { callFrame: { functionName: 'f', scriptId: '1', url: 'file:///p/f.ts', lineNumber: 0, columnNumber: 0 }, selfSize: 40_000, id: 2, children: [] },
      ] },
      samples: [{ size: 64, nodeId: 2, ordinal: 1 }, { size: 64, nodeId: 2, ordinal: 2 }, { size: 64, nodeId: 2, ordinal: 3 }, { size: 64, nodeId: 2, ordinal: 4 }],
    };
    expect(allocationFromHeapProfile(profile, 100)).toEqual({
      method: 'sampling-heap-profiler', allocatedBytes: 40_000, operations: 100, bytesPerOp: 400, samples: 4, relativeStandardError: 0.5,
    });
    expect(allocationFromHeapProfile(profile, 0).bytesPerOp).toBeNull();
  });

  it('agrees with the sampling heap profiler on a real phase (two independent estimates)', async () => {
    const heap = new HeapProfiler({ sourceMaps: null });
    await heap.start();
    const counter = new AllocationCounter();
    counter.start();
    churn(300_000);
    const estimate = counter.stop(300_000);
    const outDir = await mkdtemp(join(tmpdir(), 'varbench-alloc-'));
    await heap.stop(outDir, 'alloc');
    await rm(outDir, { recursive: true, force: true });
    const sampled = totalSampledBytes(heap.profile!);

    expect(estimate.method).toBe('gc-accounting');
    expect(estimate.gcCount).toBeGreaterThan(0);
    // ~176 bytes per 16-slot array; the sampled total is within a few per cent of the truth.
    expect(estimate.bytesPerOp).toBeGreaterThan(100);
    expect(Math.abs(estimate.allocatedBytes - sampled) / sampled).toBeLessThan(0.15);
    kept.length = 0;
  });

  it('needs start() before stop()', () => {
    expect(() => new AllocationCounter().stop(1)).toThrow(/before start/);
  });
});
