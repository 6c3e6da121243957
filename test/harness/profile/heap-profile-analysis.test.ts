import { describe, expect, it } from 'vitest';
import { topAllocationSites, totalSampledBytes } from '../../../harness/profile/heap-profile-analysis.ts';
import type { CallFrame, SamplingHeapProfile, SamplingHeapProfileNode } from '../../../harness/profile/v8-profile-format.ts';

const ROOT = '/proj';

let nextId = 1;
function node(functionName: string, url: string, lineNumber: number, selfSize: number, children: SamplingHeapProfileNode[] = []): SamplingHeapProfileNode {
  const callFrame: CallFrame = { functionName, scriptId: '0', url, lineNumber, columnNumber: 0 };
  return { callFrame, selfSize, id: nextId++, children };
}

const profile: SamplingHeapProfile = {
  head: node('(root)', '', -1, 0, [
    node('alloc', 'file:///proj/variants/x.ts', 2, 1000, [
      // Recursion: the same site deeper in the tree is the same row.
      node('alloc', 'file:///proj/variants/x.ts', 2, 500),
      node('other', 'file:///proj/variants/y.ts', 7, 300),
    ]),
    node('', '', -1, 200),
  ]),
  samples: [],
};

describe('heap profile analysis', () => {
  it('sums self sizes over the tree', () => {
    expect(totalSampledBytes(profile)).toBe(2000);
  });

  it('ranks allocation sites by bytes with their share', () => {
    expect(topAllocationSites(profile, 10, ROOT)).toEqual([
      { functionName: 'alloc', url: 'variants/x.ts', line: 3, bytes: 1500, share: 0.75 },
      { functionName: 'other', url: 'variants/y.ts', line: 8, bytes: 300, share: 0.15 },
      { functionName: '(anonymous)', url: '', line: null, bytes: 200, share: 0.1 },
    ]);
    expect(topAllocationSites(profile, 1, ROOT).map((r) => r.functionName)).toEqual(['alloc']);
  });

  it('handles a profile with nothing sampled', () => {
    const empty: SamplingHeapProfile = { head: node('(root)', '', -1, 0) };
    expect(totalSampledBytes(empty)).toBe(0);
    expect(topAllocationSites(empty)).toEqual([]);
  });

  it('walks deep trees without recursion', () => {
    let head = node('leaf', 'file:///proj/d.ts', 0, 1);
    for (let i = 0; i < 20_000; i++) head = node('deep', 'file:///proj/d.ts', 1, 1, [head]);
    const deep: SamplingHeapProfile = { head };
    expect(totalSampledBytes(deep)).toBe(20_001);
    expect(topAllocationSites(deep, 10, ROOT)[0]).toEqual({ functionName: 'deep', url: 'd.ts', line: 2, bytes: 20_000, share: 20_000 / 20_001 });
  });
});
