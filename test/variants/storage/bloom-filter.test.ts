import { describe, expect, it } from 'vitest';
import { BloomFilter } from '../../../variants/storage/bloom-filter.ts';

describe('BloomFilter', () => {
  it('sizes itself by the textbook formulas', () => {
    // n = 1000, p = 1%: m = 9585.06 -> 9586 bits (rounded up to 9600 = 300 words), k = 6.64 -> 7.
    const filter = BloomFilter.forCapacity(1000, 0.01);
    expect(filter.bitCount).toBe(9600);
    expect(filter.hashCount).toBe(7);
  });

  it('never forgets a key it was given (no false negatives)', () => {
    const filter = BloomFilter.forCapacity(50_000, 0.01);
    const keys = Array.from({ length: 50_000 }, (_, i) => `key:${String(i).padStart(10, '0')}`);
    for (const key of keys) filter.add(key);
    const unicode = ['', 'é', '\u{1F600}', '\uffff', 'a\u0000b'];
    for (const key of unicode) filter.add(key);
    expect(keys.filter((key) => !filter.mightContain(key))).toEqual([]);
    expect(unicode.filter((key) => !filter.mightContain(key))).toEqual([]);
  });

  it.each([0.01, 0.05])('has a false-positive rate near the configured %f at capacity', (rate) => {
    const n = 20_000;
    const filter = BloomFilter.forCapacity(n, rate);
    for (let i = 0; i < n; i++) filter.add(`key:${String(i).padStart(10, '0')}`);
    // Fixed keys, so the measured rate is deterministic; 100k probes give a
    // standard error of ~0.03 percentage points at 1%, far inside the bounds.
    const probes = 100_000;
    let falsePositives = 0;
    for (let i = n; i < n + probes; i++) if (filter.mightContain(`key:${String(i).padStart(10, '0')}`)) falsePositives += 1;
    const measured = falsePositives / probes;
    expect(measured).toBeGreaterThan(rate * 0.5);
    expect(measured).toBeLessThan(rate * 1.5);
  });

  it('answers "absent" for everything when empty, and add() tells whether the key is new', () => {
    const filter = BloomFilter.forCapacity(100, 0.01);
    expect(filter.mightContain('x')).toBe(false);
    expect(filter.add('x')).toBe(true);
    expect(filter.add('x')).toBe(false);
    expect(filter.mightContain('x')).toBe(true);
  });

  it('rejects impossible sizes', () => {
    expect(() => BloomFilter.forCapacity(0, 0.01)).toThrow(/expectedItems/);
    expect(() => BloomFilter.forCapacity(10, 1)).toThrow(/falsePositiveRate/);
    expect(() => BloomFilter.forCapacity(10, 0)).toThrow(/falsePositiveRate/);
    expect(() => new BloomFilter(0, 3)).toThrow(/bitCount/);
    expect(() => new BloomFilter(64, 0)).toThrow(/hashCount/);
  });
});
