import { describe, expect, it } from 'vitest';
import { TOMBSTONE, WriteBatch, type PendingValue } from '../../../variants/storage/write-batch.ts';

/** A WriteBatch whose commits are recorded instead of written to SQLite. */
function recordingBatch(maxOps: number, maxBytes: number): { batch: WriteBatch; commits: Map<string, PendingValue>[] } {
  const commits: Map<string, PendingValue>[] = [];
  const batch = new WriteBatch((writes) => commits.push(new Map(writes)), { maxOps, maxBytes });
  return { batch, commits };
}

const value = (size: number, fill = 1): Uint8Array => new Uint8Array(size).fill(fill);

describe('WriteBatch', () => {
  it('commits when the operation count reaches maxOps', () => {
    const { batch, commits } = recordingBatch(3, 1 << 20);
    batch.put('a', value(1));
    batch.put('b', value(1));
    expect(commits).toHaveLength(0);
    expect(batch.pendingOps).toBe(2);
    batch.delete('c');
    expect(commits).toHaveLength(1);
    expect([...commits[0]!.keys()]).toEqual(['a', 'b', 'c']);
    expect(commits[0]!.get('c')).toBe(TOMBSTONE);
    expect(batch.pendingOps).toBe(0);
    for (const key of ['d', 'e', 'f', 'g']) batch.put(key, value(1));
    expect(commits).toHaveLength(2);
    expect(batch.pendingOps).toBe(1);
    expect(batch.commits).toBe(2);
    expect(batch.committedWrites).toBe(6);
  });

  it('counts every operation, even on the same key, but commits each key once', () => {
    const { batch, commits } = recordingBatch(3, 1 << 20);
    batch.put('k', value(1, 1));
    batch.put('k', value(1, 2));
    batch.put('k', value(1, 3));
    expect(commits).toHaveLength(1);
    expect([...commits[0]!.entries()]).toEqual([['k', value(1, 3)]]);
    expect(batch.committedWrites).toBe(1);
  });

  it('commits when the bytes of keys and values reach maxBytes', () => {
    const { batch, commits } = recordingBatch(1000, 100);
    batch.put('k1', value(40)); // 42 bytes
    batch.put('k2', value(40)); // 84
    expect(commits).toHaveLength(0);
    expect(batch.pendingBytes).toBe(84);
    batch.delete('k3'); // 86: a tombstone costs its key
    expect(commits).toHaveLength(0);
    batch.put('k4', value(12)); // 100
    expect(commits).toHaveLength(1);
    expect(batch.pendingBytes).toBe(0);
    batch.put('big', value(500)); // one oversized value commits on its own
    expect(commits).toHaveLength(2);
    expect([...commits[1]!.keys()]).toEqual(['big']);
  });

  it('never splits one apply() across commits, however large', () => {
    const { batch, commits } = recordingBatch(3, 1 << 20);
    batch.put('before', value(1));
    batch.apply(Array.from({ length: 10 }, (_, i) => ({ type: 'put' as const, key: `k${i}`, value: value(1) })));
    expect(commits).toHaveLength(1);
    expect(commits[0]!.size).toBe(11);
  });

  it('validates a whole apply() before staging any of it', () => {
    const { batch } = recordingBatch(1000, 1 << 20);
    const bad = [{ type: 'put', key: 'a', value: value(1) }, { type: 'nope', key: 'b' }] as never;
    expect(() => batch.apply(bad)).toThrow(/ops\[1\]\.type/);
    expect(batch.lookup('a')).toBeUndefined();
    expect(batch.pendingOps).toBe(0);
  });

  it('answers lookups from pending writes: value, tombstone, or not pending', () => {
    const { batch } = recordingBatch(1000, 1 << 20);
    batch.put('a', value(2, 7));
    batch.delete('b');
    expect(batch.lookup('a')).toEqual(value(2, 7));
    expect(batch.lookup('b')).toBe(TOMBSTONE);
    expect(batch.lookup('c')).toBeUndefined();
    batch.put('b', value(1));
    expect(batch.lookup('b')).toEqual(value(1));
  });

  it('copies values, so the caller may reuse its buffer', () => {
    const { batch } = recordingBatch(1000, 1 << 20);
    const mine = value(3, 5);
    batch.put('a', mine);
    mine.fill(0);
    expect(batch.lookup('a')).toEqual(value(3, 5));
  });

  it('lists pending entries of a range in UTF-8 key order', () => {
    const { batch } = recordingBatch(1000, 1 << 20);
    for (const key of ['b', '\u{1F600}', 'a', '\uffff', 'ab', 'c']) batch.put(key, value(1));
    batch.delete('aa');
    expect(batch.inRange({ lower: 'a', upper: 'c', limit: undefined }).map((e) => e.key)).toEqual(['a', 'aa', 'ab', 'b']);
    expect(batch.inRange({ lower: 'c', upper: undefined, limit: undefined }).map((e) => e.key)).toEqual(['c', '\uffff', '\u{1F600}']);
  });

  it('keeps the writes pending when a commit fails, and commits them on the next flush', () => {
    let fail = true;
    const committed: string[] = [];
    const batch = new WriteBatch((writes) => {
      if (fail) throw new Error('disk full');
      committed.push(...writes.keys());
    }, { maxOps: 1000, maxBytes: 1 << 20 });
    batch.put('a', value(1));
    expect(() => batch.flush()).toThrow('disk full');
    expect(batch.lookup('a')).toEqual(value(1));
    fail = false;
    batch.flush();
    expect(committed).toEqual(['a']);
    expect(batch.lookup('a')).toBeUndefined();
  });

  it('does not commit an empty batch', () => {
    const { batch, commits } = recordingBatch(10, 100);
    batch.flush();
    expect(commits).toHaveLength(0);
    expect(batch.commits).toBe(0);
  });
});
