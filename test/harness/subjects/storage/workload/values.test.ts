import { describe, expect, it } from 'vitest';
import { recordValue } from '../../../../../harness/subjects/storage/workload/values.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('recordValue', () => {
  it('is deterministic and has the requested length', () => {
    for (const length of [0, 1, 3, 4, 7, 100, 1024]) {
      const value = recordValue(42, 17, length);
      expect(value).toBeInstanceOf(Uint8Array);
      expect(value.length).toBe(length);
      expect(recordValue(42, 17, length)).toEqual(value);
    }
  });

  it('keeps its bytes stable across refactors (values from an independent Python implementation)', () => {
    expect(hex(recordValue(42, 0, 10))).toBe('dd0e97e44eb8b1238f43');
    expect(hex(recordValue(42, 7, 10))).toBe('c9711920d9b29ded6ea6');
    expect(hex(recordValue(2 ** 40 + 7, 123_456, 6))).toBe('a6a78b2f2e5f');
  });

  it('differs between records and between seeds', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 10_000; index++) seen.add(hex(recordValue(1, index, 4)));
    expect(seen.size).toBe(10_000); // first four bytes are a bijection of the index
    expect(hex(recordValue(2, 5, 16))).not.toBe(hex(recordValue(1, 5, 16)));
    expect(hex(recordValue(2 ** 32 + 1, 5, 16))).not.toBe(hex(recordValue(1, 5, 16)));
  });

  it('is a prefix-stable stream: a shorter value is the start of a longer one', () => {
    expect(hex(recordValue(9, 3, 100)).startsWith(hex(recordValue(9, 3, 37)))).toBe(true);
  });

  it('rejects bad arguments', () => {
    expect(() => recordValue(1, 0, -1)).toThrow(/valueBytes/);
    expect(() => recordValue(1, 0, 2.5)).toThrow(/valueBytes/);
    expect(() => recordValue(1, -1, 8)).toThrow(/index/);
    expect(() => recordValue(1, 2 ** 32, 8)).toThrow(/index/);
    expect(() => recordValue(0.5, 0, 8)).toThrow(/seed/);
  });
});
