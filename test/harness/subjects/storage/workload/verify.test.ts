import { describe, expect, it } from 'vitest';
import type { Entry, ScanOptions, Store, WriteOp } from '../../../../../variants/storage/store.ts';
import { loadDataset } from '../../../../../harness/subjects/storage/workload/dataset.ts';
import { keyOf } from '../../../../../harness/subjects/storage/workload/keys.ts';
import { recordValue } from '../../../../../harness/subjects/storage/workload/values.ts';
import { verifyStore } from '../../../../../harness/subjects/storage/workload/verify.ts';
import { memoryStore, type MemoryStore } from '../../../../support/memory-store.ts';

const DATASET = { records: 500, valueBytes: 24, seed: 3 };
const OPTIONS = { seed: 99 };
const WRITE_CALLS = new Set(['put', 'delete', 'batch']);

async function loaded(options: { async?: boolean } = {}, dataset = DATASET): Promise<MemoryStore> {
  const store = memoryStore(options);
  await loadDataset(store, dataset);
  store.calls.length = 0;
  return store;
}

function snapshot(store: MemoryStore): Map<string, string> {
  return new Map([...store.data].map(([key, value]) => [key, Buffer.from(value).toString('hex')]));
}

function flipped(value: Uint8Array, at = 5): Uint8Array {
  const copy = value.slice();
  copy[at] = copy[at]! ^ 0xff;
  return copy;
}

describe('verifyStore', () => {
  for (const async of [false, true]) {
    it(`finds no disagreement with a correct ${async ? 'asynchronous' : 'synchronous'} store and leaves the dataset unchanged`, async () => {
      const store = await loaded({ async });
      const before = snapshot(store);
      expect(await verifyStore(store, DATASET, OPTIONS)).toEqual([]);
      expect(snapshot(store)).toEqual(before);
      // A handful of writes: put, overwrite, delete, batch, delete.
      expect(store.calls.filter((call) => WRITE_CALLS.has(call))).toEqual(['put', 'put', 'delete', 'batch', 'delete']);
      expect(store.calls.filter((call) => call === 'get').length).toBeLessThan(100);
    });
  }

  it('agrees for tiny and empty datasets', async () => {
    for (const records of [0, 1, 2, 7]) {
      const dataset = { ...DATASET, records };
      expect(await verifyStore(await loaded({}, dataset), dataset, OPTIONS), `records ${records}`).toEqual([]);
    }
  });

  it('reports a wrong value, naming the key and the differing byte', async () => {
    const store = await loaded();
    const key = keyOf(0);
    store.data.set(key, flipped(store.data.get(key)!));
    const problems = await verifyStore(store, DATASET, OPTIONS);
    expect(problems.some((p) => p.includes(`get("${key}")`) && p.includes('byte 5 of 24 differs'))).toBe(true);
  });

  it('reports a value of the wrong length', async () => {
    const store = await loaded();
    store.data.set(keyOf(DATASET.records - 1), new Uint8Array(3));
    const problems = await verifyStore(store, DATASET, OPTIONS);
    expect(problems).toContainEqual(`get("${keyOf(DATASET.records - 1)}"): expected 24 bytes, got 3 bytes`);
  });

  it('reports a dropped key', async () => {
    const store = await loaded();
    store.data.delete(keyOf(DATASET.records - 1));
    const problems = await verifyStore(store, DATASET, OPTIONS);
    expect(problems).toContainEqual(`get("${keyOf(DATASET.records - 1)}"): expected 24 bytes, got undefined`);
    // The scan over the tail of the dataset misses it too.
    expect(problems.some((p) => p.startsWith('scan(') && p.includes('expected 3 entries'))).toBe(true);
  });

  it('caps the per-key reports when every value is wrong', async () => {
    const store = await loaded();
    for (const [key, value] of store.data) store.data.set(key, flipped(value));
    const problems = await verifyStore(store, DATASET, OPTIONS);
    expect(problems.filter((p) => p.startsWith('get(')).length).toBe(10);
    expect(problems).toContainEqual('... 54 more of 64 sampled gets disagreed');
  });

  it('reports null instead of undefined for a missing key, and a get that matches by prefix', async () => {
    const store = await loaded();
    const nulls: Store = { ...store, get: (key) => store.data.get(key) ?? (null as unknown as undefined) };
    expect((await verifyStore(nulls, DATASET, OPTIONS)).some((p) => p.includes('got null'))).toBe(true);

    const prefixMatching: Store = {
      ...store,
      get: (key) => [...store.data].find(([candidate]) => candidate.startsWith(key))?.[1],
    };
    const problems = await verifyStore(prefixMatching, DATASET, OPTIONS);
    expect(problems).toContainEqual('get("key:000000000") of a key never written: expected undefined (absent), got 24 bytes');
  });

  it('reports scans out of order', async () => {
    const store = await loaded();
    const reversed: Store = { ...store, scan: (options) => (store.scan(options) as Entry[]).reverse() };
    const problems = await verifyStore(reversed, DATASET, OPTIONS);
    expect(problems.some((p) => p.includes('keys out of order at position 1'))).toBe(true);
  });

  it('reports a scan that ignores its limit or its exclusive end', async () => {
    const store = await loaded();
    const unlimited: Store = { ...store, scan: ({ limit: _limit, ...rest }) => store.scan(rest) };
    const unlimitedProblems = await verifyStore(unlimited, DATASET, OPTIONS);
    expect(unlimitedProblems.some((p) => p.includes('"limit":7') && p.includes('expected 7 entries'))).toBe(true);

    const inclusiveEnd: Store = {
      ...store,
      scan: (options: ScanOptions) =>
        store.scan(options.end === undefined ? options : { ...options, end: `${options.end}\u0000` }),
    };
    const inclusiveProblems = await verifyStore(inclusiveEnd, DATASET, OPTIONS);
    expect(inclusiveProblems.some((p) => p.startsWith('scan({"start"'))).toBe(true);
  });

  it('reports a scan returning the wrong value', async () => {
    const store = await loaded();
    const corruptScans: Store = {
      ...store,
      scan: (options) => (store.scan(options) as Entry[]).map((entry) => ({ key: entry.key, value: flipped(entry.value, 0) })),
    };
    const problems = await verifyStore(corruptScans, DATASET, OPTIONS);
    expect(problems.some((p) => p.startsWith('scan(') && p.includes('byte 0 of 24 differs'))).toBe(true);
  });

  it('reports deletes that do not take effect', async () => {
    const store = await loaded();
    const deleteIsNoop: Store = {
      ...store,
      delete: () => undefined,
      batch: (ops: readonly WriteOp[]) => store.batch(ops.filter((op) => op.type === 'put')),
    };
    const problems = await verifyStore(deleteIsNoop, DATASET, OPTIONS);
    expect(problems.some((p) => p.startsWith('get("verify:a") after delete: expected undefined'))).toBe(true);
    expect(problems.some((p) => p.startsWith('get("verify:b") after batch [put, delete]: expected undefined'))).toBe(true);
  });

  it('reports an ignored overwrite, and still removes the keys it wrote', async () => {
    const store = await loaded();
    const before = snapshot(store);
    const firstWriteWins: Store = { ...store, put: (key, value) => (store.data.has(key) ? undefined : store.put(key, value)) };
    const problems = await verifyStore(firstWriteWins, DATASET, OPTIONS);
    expect(problems.some((p) => p.startsWith('get("verify:a") after overwriting put: byte'))).toBe(true);
    expect(snapshot(store)).toEqual(before);
  });

  it('reports a batch applied out of order', async () => {
    const store = await loaded();
    const deletesFirst: Store = {
      ...store,
      batch: (ops) => store.batch([...ops.filter((op) => op.type === 'delete'), ...ops.filter((op) => op.type === 'put')]),
    };
    const problems = await verifyStore(deletesFirst, DATASET, OPTIONS);
    expect(problems.some((p) => p.startsWith('get("verify:b") after batch [put, delete]: expected undefined'))).toBe(true);
  });

  it('turns throws into disagreements and keeps checking', async () => {
    const store = await loaded({ async: true });
    const failing: Store = {
      ...store,
      get: (key) => (key === keyOf(0) ? Promise.reject(new Error('boom')) : store.get(key)),
      put: () => {
        throw new Error('read-only');
      },
    };
    const problems = await verifyStore(failing, DATASET, OPTIONS);
    expect(problems).toContainEqual(`get("${keyOf(0)}") threw: boom`);
    expect(problems).toContainEqual('write checks: put threw: read-only');
    // Scans still ran and agreed.
    expect(problems.filter((p) => p.startsWith('scan('))).toEqual([]);
  });

  it('samples the same keys for the same seed', async () => {
    const a = await loaded();
    const b = await loaded();
    const recordedKeys = (store: MemoryStore): { store: Store; keys: string[] } => {
      const keys: string[] = [];
      return { store: { ...store, get: (key) => (keys.push(key), store.get(key)) }, keys };
    };
    const first = recordedKeys(a);
    const second = recordedKeys(b);
    await verifyStore(first.store, DATASET, OPTIONS);
    await verifyStore(second.store, DATASET, OPTIONS);
    expect(second.keys).toEqual(first.keys);
    expect(first.keys).toContain(keyOf(0));
    expect(first.keys).toContain(keyOf(DATASET.records - 1));
    expect(recordValue(DATASET.seed, 0, DATASET.valueBytes)).toEqual(a.data.get(keyOf(0)));
  });
});
