import { describe, expect, it } from 'vitest';
import { committedRowsNeeded, mergeScan } from '../../../variants/storage/scan-merge.ts';
import type { Entry } from '../../../variants/storage/store.ts';
import { TOMBSTONE, type PendingEntry } from '../../../variants/storage/write-batch.ts';

const v = (n: number): Uint8Array => Uint8Array.of(n);
const rows = (...keys: string[]): Entry[] => keys.map((key, i) => ({ key, value: v(i) }));

describe('mergeScan', () => {
  it('adds pending puts, replaces committed rows and drops tombstoned ones, in order', () => {
    const committed = rows('a', 'c', 'e', 'g');
    const pending: PendingEntry[] = [
      { key: 'b', value: v(10) },
      { key: 'c', value: TOMBSTONE },
      { key: 'e', value: v(11) },
      { key: 'h', value: v(12) },
    ];
    expect(mergeScan(committed, pending, undefined)).toEqual([
      { key: 'a', value: v(0) }, { key: 'b', value: v(10) }, { key: 'e', value: v(11) }, { key: 'g', value: v(3) }, { key: 'h', value: v(12) },
    ]);
  });

  it('stops at the limit', () => {
    const pending: PendingEntry[] = [{ key: 'a', value: TOMBSTONE }, { key: 'b', value: v(9) }];
    expect(mergeScan(rows('a', 'c', 'd'), pending, 2).map((e) => e.key)).toEqual(['b', 'c']);
    expect(mergeScan(rows('a', 'b', 'c'), [], 2).map((e) => e.key)).toEqual(['a', 'b']);
  });

  it('orders by UTF-8 bytes (U+FFFF before U+1F600)', () => {
    const merged = mergeScan(rows('\u{1F600}'), [{ key: '\uffff', value: v(1) }], undefined);
    expect(merged.map((e) => e.key)).toEqual(['\uffff', '\u{1F600}']);
  });
});

describe('committedRowsNeeded', () => {
  it('is the limit plus one row per pending tombstone', () => {
    const pending: PendingEntry[] = [{ key: 'a', value: TOMBSTONE }, { key: 'b', value: v(1) }, { key: 'c', value: TOMBSTONE }];
    expect(committedRowsNeeded(5, pending)).toBe(7);
    expect(committedRowsNeeded(undefined, pending)).toBeUndefined();
  });
});
