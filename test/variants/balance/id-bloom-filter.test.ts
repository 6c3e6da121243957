import { describe, expect, it } from 'vitest';
import { IdBloomFilter } from '../../../variants/balance/id-bloom-filter.ts';

describe('id Bloom filter', () => {
  it('never forgets an id it was given, small or beyond 2^32', () => {
    const filter = new IdBloomFilter(10_000);
    const ids = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? i * 7 + 1 : 2 ** 40 + i * 13));
    for (const id of ids) filter.add(id);
    expect(ids.every((id) => filter.mightContain(id))).toBe(true);
  });

  it('turns away almost every other id at its sized capacity (about 0.55% false positives measured)', () => {
    const filter = new IdBloomFilter(20_000);
    for (let id = 1; id <= 20_000; id++) filter.add(id * 3);
    let falsePositives = 0;
    for (let id = 1; id <= 100_000; id++) if (filter.mightContain(id * 3 + 1)) falsePositives++;
    expect(falsePositives / 100_000).toBeLessThan(0.01);
  });

  it('answers "absent" for everything when empty, and takes zero expected ids', () => {
    const filter = new IdBloomFilter(0);
    expect(filter.mightContain(1)).toBe(false);
    filter.add(1);
    expect(filter.mightContain(1)).toBe(true);
    expect(() => new IdBloomFilter(-1)).toThrow(/expectedIds must be an integer >= 0/);
  });
});
