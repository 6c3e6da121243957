import { describe, expect, it } from 'vitest';
import { compareKeys, inKeyRange, prefixUpperBound, toKeyRange } from '../../../variants/storage/key-order.ts';

const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

// Around every boundary where UTF-16 and UTF-8 orders could disagree.
const samples = [
  '', 'a', 'ab', 'b', '\u0000', 'a\u0000', '\u007f', '\u0080', 'é', '\u07ff', '\u0800', '\ud7ff', '\ue000',
  '\uffef', '\uffff', '\u{10000}', '\u{1F600}', '\u{10FFFF}', 'a\uffff', 'a\u{1F600}', '\u{1F600}a', '\uffffa',
];

describe('compareKeys', () => {
  it('orders every pair of samples like UTF-8 bytes (SQLite BINARY)', () => {
    for (const a of samples) {
      for (const b of samples) {
        expect(Math.sign(compareKeys(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(Math.sign(byUtf8(a, b)));
      }
    }
  });

  it('sorts a list identically to UTF-8 byte order', () => {
    expect([...samples].sort(compareKeys)).toEqual([...samples].sort(byUtf8));
  });
});

describe('prefixUpperBound', () => {
  it.each([
    ['a', 'b'],
    ['ab', 'ac'],
    ['a\uffff', 'a\u{10000}'],
    ['\ud7ff', '\ue000'],
    ['x\u{10FFFF}', 'y'],
    ['\u{1F600}', '\u{1F601}'],
  ])('%j -> %j', (prefix, bound) => {
    expect(prefixUpperBound(prefix)).toBe(bound);
  });

  it('has no bound for the empty prefix or one made of U+10FFFF only', () => {
    expect(prefixUpperBound('')).toBeUndefined();
    expect(prefixUpperBound('\u{10FFFF}\u{10FFFF}')).toBeUndefined();
  });

  it('bounds exactly the keys that start with the prefix', () => {
    for (const prefix of samples.filter((s) => s !== '')) {
      const range = toKeyRange({ prefix })!;
      for (const key of [...samples, ...samples.map((s) => prefix + s)]) {
        expect(inKeyRange(key, range), `${JSON.stringify(key)} in prefix ${JSON.stringify(prefix)}`).toBe(key.startsWith(prefix));
      }
    }
  });
});

describe('toKeyRange', () => {
  it('maps a range and a limit through', () => {
    expect(toKeyRange({ start: 'a', end: 'c', limit: 5 })).toEqual({ lower: 'a', upper: 'c', limit: 5 });
    expect(toKeyRange({})).toEqual({ lower: '', upper: undefined, limit: undefined });
  });

  it('intersects a prefix with start and end', () => {
    expect(toKeyRange({ prefix: 'ab', start: 'a' })).toEqual({ lower: 'ab', upper: 'ac', limit: undefined });
    expect(toKeyRange({ prefix: 'ab', start: 'abc', end: 'abd' })).toEqual({ lower: 'abc', upper: 'abd', limit: undefined });
    expect(toKeyRange({ prefix: 'ab', end: 'b' })).toEqual({ lower: 'ab', upper: 'ac', limit: undefined });
  });

  it('is null for empty ranges and limit 0', () => {
    expect(toKeyRange({ start: 'b', end: 'a' })).toBeNull();
    expect(toKeyRange({ start: 'b', end: 'b' })).toBeNull();
    expect(toKeyRange({ prefix: 'b', end: 'a' })).toBeNull();
    expect(toKeyRange({ limit: 0 })).toBeNull();
  });

  it('rejects bad limits and non-string bounds, saying which field', () => {
    expect(() => toKeyRange({ limit: -1 })).toThrow(/limit/);
    expect(() => toKeyRange({ limit: Number.NaN })).toThrow(/limit/);
    expect(() => toKeyRange({ start: 3 as unknown as string })).toThrow(/start/);
  });
});
