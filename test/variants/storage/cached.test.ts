import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CachedStore } from '../../../variants/storage/cached.ts';

const v = (n: number): Uint8Array => Uint8Array.of(n);
/** Bytes as a plain array: values read from SQLite are Buffers, written ones Uint8Arrays; only bytes matter. */
const bytesOf = (value: Uint8Array | undefined): number[] | undefined => (value === undefined ? undefined : Array.from(value));

describe('cached store', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const step of cleanup.splice(0).reverse()) step();
  });

  function open(settings: Record<string, number>, dir?: string): CachedStore {
    const store = CachedStore.open({ settings, ...(dir ? { dir } : {}) });
    cleanup.push(() => store.close());
    return store;
  }

  function cacheCounters(store: CachedStore): Record<string, number | undefined> {
    const { cacheHits, cacheMisses, cacheEvictions, bloomNegatives } = store.counters();
    return { cacheHits, cacheMisses, cacheEvictions, bloomNegatives };
  }

  it('counts hits, misses, evictions and Bloom negatives exactly for a fixed sequence', () => {
    const store = open({ cacheEntries: 2 });
    store.put('a', v(1)); // cache [a]
    store.put('b', v(2)); // cache [a b]
    store.put('c', v(3)); // write-through evicts a: [b c]                  evictions 1
    expect(cacheCounters(store)).toEqual({ cacheHits: 0, cacheMisses: 0, cacheEvictions: 1, bloomNegatives: 0 });

    expect(bytesOf(store.get('a'))).toEqual([1]); // miss, read from the store, evicts b: [c a]  misses 1, evictions 2
    expect(store.get('a')).toEqual(v(1)); // hit 1
    expect(store.get('c')).toEqual(v(3)); // hit 2: [a c]
    expect(store.get('never-written')).toBeUndefined(); // the filter answers: bloomNegatives 1
    store.delete('c'); // drops c from the cache: [a] (not an eviction)
    expect(store.get('c')).toBeUndefined(); // filter says maybe (bits stay), miss 2, cached as absent: [a c]
    expect(store.get('c')).toBeUndefined(); // hit 3 (a negative entry)
    store.put('c', v(4)); // replaces the negative entry (not an eviction)
    expect(store.get('c')).toEqual(v(4)); // hit 4

    expect(cacheCounters(store)).toEqual({ cacheHits: 4, cacheMisses: 2, cacheEvictions: 2, bloomNegatives: 1 });
  });

  it('keeps the cache right through batches', () => {
    const store = open({ cacheEntries: 10 });
    store.put('a', v(1));
    expect(store.get('a')).toEqual(v(1));
    store.batch([
      { type: 'delete', key: 'a' },
      { type: 'put', key: 'b', value: v(2) },
      { type: 'put', key: 'a', value: v(3) },
      { type: 'delete', key: 'b' },
    ]);
    expect(store.get('a')).toEqual(v(3));
    expect(store.get('b')).toBeUndefined();
  });

  it('leaves the counters alone on scans', () => {
    const store = open({});
    store.put('a', v(1));
    store.scan({ prefix: 'a' });
    expect(cacheCounters(store)).toEqual({ cacheHits: 0, cacheMisses: 0, cacheEvictions: 0, bloomNegatives: 0 });
  });

  it('rebuilds the Bloom filter from the keys on disk when reopened', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'varbench-cached-test-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const first = CachedStore.open({ dir });
    for (let i = 0; i < 100; i++) first.put(`key:${i}`, v(i));
    first.close();

    const second = open({}, dir);
    // An empty filter would answer "absent" for all of these: every one must be found.
    for (let i = 0; i < 100; i++) expect(bytesOf(second.get(`key:${i}`))).toEqual([i]);
    for (let i = 100; i < 200; i++) expect(second.get(`key:${i}`)).toBeUndefined();
    const { cacheMisses, bloomNegatives } = second.counters();
    expect(cacheMisses).toBeGreaterThanOrEqual(100);
    expect(bloomNegatives).toBeGreaterThanOrEqual(95); // the 100 absent keys, less the odd false positive
  });

  it('grows the Bloom filter when more keys arrive than it was sized for', () => {
    const store = open({ bloomExpectedItems: 16 });
    for (let i = 0; i < 1000; i++) store.put(`key:${i}`, v(i & 0xff));
    expect(store.counters().bloomRebuilds).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 1000; i++) expect(bytesOf(store.get(`key:${i}`))).toEqual([i & 0xff]);
    for (let i = 1000; i < 2000; i++) store.get(`key:${i}`);
    // At 1% nearly all absent keys are answered by the filter; an overfull 16-key filter would answer almost none.
    expect(store.counters().bloomNegatives).toBeGreaterThan(950);
  });

  it('validates its settings', () => {
    expect(() => CachedStore.open({ settings: { cacheEntries: 0 } })).toThrow(/cacheEntries/);
    expect(() => CachedStore.open({ settings: { bloomFalsePositiveRate: 1 } })).toThrow(/bloomFalsePositiveRate/);
    expect(() => CachedStore.open({ settings: { batchMaxOps: 1.5 } })).toThrow(/batchMaxOps/);
  });
});
