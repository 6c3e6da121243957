import { describe, expect, it } from 'vitest';
import { measureRetainedGrowth, settledHeap } from '../../../harness/instruments/heap-growth.ts';
import { exposedGc } from './fixtures/expose-gc.ts';

describe('retained heap growth', () => {
  it('reports growth per 1,000 operations', () => {
    expect(measureRetainedGrowth({ usedHeapBytes: 1_000_000, forced: true }, { usedHeapBytes: 1_500_000, forced: true }, 10_000)).toEqual({
      retainedBytes: 500_000, perThousandOpsBytes: 50_000, forced: true,
    });
    expect(measureRetainedGrowth({ usedHeapBytes: 10, forced: true }, { usedHeapBytes: 4, forced: true }, 0)).toEqual({
      retainedBytes: -6, perThousandOpsBytes: null, forced: true,
    });
  });

  it('warns when no GC could be forced', () => {
    const growth = measureRetainedGrowth({ usedHeapBytes: 0, forced: false }, { usedHeapBytes: 0, forced: true }, 1);
    expect(growth.forced).toBe(false);
    expect(growth.warning).toMatch(/--expose-gc/);
    expect(settledHeap(undefined).forced).toBe(false);
  });

  it('shows what a phase keeps, and not what it threw away', () => {
    const gc = exposedGc();
    const leak: number[][] = [];
    const before = settledHeap(gc);
    for (let i = 0; i < 20_000; i++) {
      const garbage = new Array<number>(64).fill(i);
      if (i % 2 === 0) leak.push(new Array<number>(16).fill(garbage.length));
    }
    const after = settledHeap(gc);
    const growth = measureRetainedGrowth(before, after, 20_000);
    // 10,000 kept arrays of ~176 bytes: ~1.8 MB; the 20,000 x 528-byte garbage arrays (~10 MB) are gone.
    expect(growth.forced).toBe(true);
    expect(growth.retainedBytes).toBeGreaterThan(1_000_000);
    expect(growth.retainedBytes).toBeLessThan(5_000_000);
    expect(leak).toHaveLength(10_000);
  });
});
