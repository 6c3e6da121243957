import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../../variants/storage/buffer-pool.ts';

describe('BufferPool', () => {
  it('allocates at least minBytes, rounded up to a power of two', () => {
    const pool = new BufferPool({ minBytes: 1024 });
    expect(pool.acquire(10).byteLength).toBe(1024);
    expect(pool.acquire(1500).byteLength).toBe(2048);
    expect(pool.allocations).toBe(2);
  });

  it('reuses released buffers, choosing the smallest that fits', () => {
    const pool = new BufferPool({ minBytes: 1024 });
    const small = pool.acquire(1000);
    const large = pool.acquire(4000);
    pool.release(large);
    pool.release(small);
    expect(pool.acquire(900)).toBe(small);
    expect(pool.acquire(900)).toBe(large);
    expect(pool.acquire(900)).not.toBe(small);
    expect(pool).toMatchObject({ allocations: 3, reuses: 2 });
  });

  it('keeps at most maxFree buffers and none above maxRetainedBytes', () => {
    const pool = new BufferPool({ minBytes: 16, maxFree: 1, maxRetainedBytes: 64 });
    const a = pool.acquire(16);
    const b = pool.acquire(16);
    pool.release(a);
    pool.release(b); // the free list is full: dropped
    expect(pool.acquire(16)).toBe(a);
    expect(pool.acquire(16)).not.toBe(b);
    const big = pool.acquire(1000);
    pool.release(big); // larger than maxRetainedBytes: dropped
    expect(pool.acquire(1000)).not.toBe(big);
  });

  it('ignores detached buffers', () => {
    const pool = new BufferPool({ minBytes: 16 });
    const buffer = pool.acquire(16);
    structuredClone(buffer, { transfer: [buffer] }); // detaches it
    pool.release(buffer);
    expect(pool.acquire(16)).not.toBe(buffer);
  });
});
