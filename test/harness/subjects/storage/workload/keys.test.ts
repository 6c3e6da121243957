import { describe, expect, it } from 'vitest';
import { KEY_PREFIX, keyOf } from '../../../../../harness/subjects/storage/workload/keys.ts';
import { Prng } from '../../../../../lib/prng.ts';

describe('keyOf', () => {
  it('is the prefix and ten zero-padded digits', () => {
    expect(keyOf(42)).toBe('key:0000000042');
    expect(keyOf(0)).toBe('key:0000000000');
    expect(keyOf(9_999_999_999)).toBe('key:9999999999');
    expect(keyOf(7).startsWith(KEY_PREFIX)).toBe(true);
    expect(keyOf(123_456).length).toBe(KEY_PREFIX.length + 10);
  });

  it('sorts by UTF-8 bytes in numeric order', () => {
    const prng = new Prng(3);
    const indices = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? prng.nextInt(1000) : prng.nextUint32()));
    const numeric = [...new Set(indices)].sort((a, b) => a - b);
    const byBytes = numeric
      .map(keyOf)
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(byBytes).toEqual(numeric.map(keyOf));
  });

  it('rejects indices that do not fit ten digits or are not non-negative integers', () => {
    for (const index of [-1, 1.5, 10_000_000_000, Number.NaN]) expect(() => keyOf(index)).toThrow(/index/);
  });
});
