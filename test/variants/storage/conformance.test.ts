/**
 * The storage contract (variants/storage/store.ts), checked identically on
 * every variant. Methods may be synchronous or return promises, so every call
 * is awaited (awaiting a plain value is harmless).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { drive } from '../../../harness/subjects/storage/driver.ts';
import { loadDataset } from '../../../harness/subjects/storage/workload/dataset.ts';
import { keyOf } from '../../../harness/subjects/storage/workload/keys.ts';
import { ObservedGets } from '../../../harness/subjects/storage/workload/observed-gets.ts';
import { buildTrace } from '../../../harness/subjects/storage/workload/trace.ts';
import { verifyAfterMeasure } from '../../../harness/subjects/storage/workload/verify-after.ts';
import { storageVariants } from '../../../variants/storage/index.ts';
import { DATABASE_FILE_NAME } from '../../../variants/storage/store-folder.ts';
import type { Entry, ScanOptions, Store, StoreOptions, StoreVariant, WriteOp } from '../../../variants/storage/store.ts';

interface Case {
  readonly name: string;
  readonly variant: StoreVariant;
  /** Settings every test opens with (pooled: two workers, to keep the 2-core machine sane). */
  readonly settings: Readonly<Record<string, number>>;
  /** Extra settings that make a write batch small enough to leave writes pending mid-test (none for naive). */
  readonly smallBatch: Readonly<Record<string, number>>;
}

/**
 * Test settings per variant, where the defaults do not suit a test (a small
 * write batch leaves writes pending mid-test). Every registered variant is
 * tested, with {} when it has no entry here: a new variant added to
 * variants/storage/index.ts is held to the contract without editing this file.
 */
const TEST_SETTINGS: Readonly<Record<string, Pick<Case, 'settings' | 'smallBatch'>>> = {
  naive: { settings: {}, smallBatch: {} },
  batched: { settings: {}, smallBatch: { batchMaxOps: 3 } },
  pooled: { settings: { poolSize: 2 }, smallBatch: { batchMaxOps: 3 } },
  cached: { settings: {}, smallBatch: { batchMaxOps: 3 } },
};

// The no-op store (referenceVariants) stores nothing: it measures the
// harness, and is the one store the contract does not bind.
const cases: Case[] = Object.entries(storageVariants).map(([name, variant]) => ({
  name,
  variant,
  ...(TEST_SETTINGS[name] ?? { settings: {}, smallBatch: {} }),
}));

it('runs the contract over every registered store variant, and only over stores', () => {
  expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(['naive', 'batched', 'pooled', 'cached']));
  expect(cases.map((c) => c.name)).not.toContain('noop');
});

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Byte order of UTF-8, which is what the contract promises scans return. */
const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function keysOf(entries: readonly Entry[]): string[] {
  return entries.map((entry) => entry.key);
}

/**
 * Values as hex, so comparisons are about bytes only: a variant may return
 * a Buffer (a Uint8Array subclass) or a plain Uint8Array, both are fine.
 */
const hex = (value: Uint8Array | undefined): string | undefined =>
  value === undefined ? undefined : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
const hexEntries = (entries: readonly Entry[]): [string, string][] => entries.map((entry) => [entry.key, hex(entry.value)!]);

async function read(store: Store, key: string): Promise<string | undefined> {
  const value = await store.get(key);
  if (value !== undefined) expect(value).toBeInstanceOf(Uint8Array);
  return hex(value);
}

async function scanned(store: Store, options: ScanOptions): Promise<[string, string][]> {
  return hexEntries(await store.scan(options));
}

describe.each(cases)('$name store', ({ variant, settings, smallBatch }) => {
  const open: Store[] = [];
  const dirs: string[] = [];

  async function openStore(options: StoreOptions = {}): Promise<Store> {
    const store = await variant.open({ ...options, settings: { ...settings, ...options.settings } });
    open.push(store);
    return store;
  }

  async function closeStore(store: Store): Promise<void> {
    open.splice(open.indexOf(store), 1);
    await store.close();
  }

  function makeDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'varbench-conformance-'));
    dirs.push(dir);
    return dir;
  }

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function putAll(store: Store, records: Record<string, Uint8Array>): Promise<void> {
    const ops: WriteOp[] = Object.entries(records).map(([key, value]) => ({ type: 'put', key, value }));
    await store.batch(ops);
  }

  it('gets what was put', async () => {
    const store = await openStore();
    await store.put('alpha', bytes(1, 2, 3));
    expect(await read(store, 'alpha')).toBe(hex(bytes(1, 2, 3)));
  });

  it('overwrites a key with the last value put', async () => {
    const store = await openStore();
    await store.put('k', bytes(1));
    await store.put('k', bytes(2, 2));
    expect(await read(store, 'k')).toBe(hex(bytes(2, 2)));
    await store.flush();
    await store.put('k', bytes(3));
    expect(await read(store, 'k')).toBe(hex(bytes(3)));
  });

  it('answers undefined for a key never written', async () => {
    const store = await openStore();
    expect(await read(store, 'missing')).toBeUndefined();
    await store.put('present', bytes(1));
    await store.flush();
    expect(await read(store, 'missing')).toBeUndefined();
  });

  it('forgets a deleted key, before and after flush', async () => {
    const store = await openStore();
    await store.put('a', bytes(1));
    await store.put('b', bytes(2));
    await store.flush();
    await store.delete('a');
    expect(await read(store, 'a')).toBeUndefined();
    await store.flush();
    expect(await read(store, 'a')).toBeUndefined();
    expect(await read(store, 'b')).toBe(hex(bytes(2)));
  });

  it('accepts deleting a key that does not exist', async () => {
    const store = await openStore();
    await store.delete('never');
    await store.flush();
    expect(await read(store, 'never')).toBeUndefined();
    expect(await store.scan({})).toEqual([]);
  });

  it('applies a batch in order', async () => {
    const store = await openStore();
    await store.put('a', bytes(0));
    await store.batch([
      { type: 'put', key: 'b', value: bytes(1) },
      { type: 'delete', key: 'a' },
      { type: 'put', key: 'c', value: bytes(2) },
      { type: 'put', key: 'b', value: bytes(3) },
      { type: 'delete', key: 'c' },
      { type: 'put', key: 'c', value: bytes(4) },
      { type: 'delete', key: 'nothing' },
    ]);
    expect(await read(store, 'a')).toBeUndefined();
    expect(await read(store, 'b')).toBe(hex(bytes(3)));
    expect(await read(store, 'c')).toBe(hex(bytes(4)));
    await store.flush();
    expect(keysOf(await store.scan({}))).toEqual(['b', 'c']);
  });

  it('applies none of a batch that fails part-way', async () => {
    const store = await openStore();
    await store.put('kept', bytes(1));
    const bad = [
      { type: 'put', key: 'new', value: bytes(2) },
      { type: 'delete', key: 'kept' },
      { type: 'explode', key: 'x' },
    ] as unknown as WriteOp[];
    await expect(Promise.resolve().then(() => store.batch(bad))).rejects.toThrow();
    expect(await read(store, 'new')).toBeUndefined();
    expect(await read(store, 'kept')).toBe(hex(bytes(1)));
    await store.flush();
    expect(keysOf(await store.scan({}))).toEqual(['kept']);
  });

  it('reads its own writes while some are still pending in a batch', async () => {
    const store = await openStore({ settings: smallBatch });
    for (let i = 0; i < 10; i++) await store.put(`k${i}`, bytes(i)); // with batchMaxOps 3: 9 committed, 1 pending
    await store.delete('k2'); // pending tombstone over a committed row
    await store.put('k5', bytes(55)); // pending overwrite
    for (let i = 0; i < 10; i++) {
      const expected = i === 2 ? undefined : i === 5 ? bytes(55) : bytes(i);
      expect(await read(store, `k${i}`)).toBe(hex(expected));
    }
    expect(keysOf(await store.scan({ prefix: 'k' }))).toEqual(['k0', 'k1', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
    expect(await scanned(store, { start: 'k5', end: 'k6' })).toEqual([['k5', hex(bytes(55))]]);
  });

  it('sees a batch larger than the write-batch limit as a whole', async () => {
    const store = await openStore({ settings: smallBatch });
    const ops: WriteOp[] = Array.from({ length: 8 }, (_, i) => ({ type: 'put', key: `b${i}`, value: bytes(i) }));
    await store.batch(ops);
    expect(keysOf(await store.scan({ prefix: 'b' }))).toEqual(ops.map((op) => op.key));
  });

  describe('scan', () => {
    // Keys chosen to trip the usual mistakes: shared prefixes, LIKE wildcards
    // (% and _), a NUL, non-ASCII (where UTF-16 and UTF-8 order disagree:
    // U+FFFF sorts before U+1F600 in UTF-8, after it in UTF-16), and the
    // largest code point as a prefix (no upper bound exists).
    const keys = [
      'a', 'ab', 'abc', 'abd', 'ac', 'a%', 'a_', 'a_b', 'a\u0000z', 'b', 'B', '', 'é', 'éa', 'e', 'f',
      '\uffff', '\uffffz', '\u{1F600}', '\u{1F600}a', '\u{10FFFF}', '\u{10FFFF}x', 'zz',
    ];
    const sorted = [...keys].sort(byUtf8);
    const valueOf = (key: string): Uint8Array => utf8(`v:${key}`);
    const expectedFor = (selected: string[]): [string, string][] => selected.map((key) => [key, hex(valueOf(key))!]);

    async function loaded(options: StoreOptions = {}): Promise<Store> {
      const store = await openStore(options);
      await putAll(store, Object.fromEntries(keys.map((key) => [key, valueOf(key)])));
      await store.flush();
      return store;
    }

    it('returns every key in UTF-8 byte order when unbounded', async () => {
      const store = await loaded();
      expect(await scanned(store, {})).toEqual(expectedFor(sorted));
    });

    it.each([
      ['a', sorted.filter((key) => key.startsWith('a'))],
      ['ab', ['ab', 'abc', 'abd']],
      ['a_', ['a_', 'a_b']],
      ['a%', ['a%']],
      ['é', ['é', 'éa']],
      ['\uffff', ['\uffff', '\uffffz']],
      ['\u{1F600}', ['\u{1F600}', '\u{1F600}a']],
      ['\u{10FFFF}', ['\u{10FFFF}', '\u{10FFFF}x']],
      ['abcd', []],
      ['', sorted],
    ])('by prefix %j returns exactly the matching keys in order', async (prefix, expected) => {
      const store = await loaded();
      expect(await scanned(store, { prefix })).toEqual(expectedFor(expected));
      expect(await scanned(store, { prefix, limit: 2 })).toEqual(expectedFor(expected.slice(0, 2)));
    });

    it('by range returns [start, end) in order, with limit', async () => {
      const store = await loaded();
      const inRange = sorted.filter((key) => byUtf8(key, 'ab') >= 0 && byUtf8(key, 'b') < 0);
      expect(await scanned(store, { start: 'ab', end: 'b' })).toEqual(expectedFor(inRange));
      expect(await scanned(store, { start: 'ab', end: 'b', limit: 3 })).toEqual(expectedFor(inRange.slice(0, 3)));
      expect(keysOf(await store.scan({ start: 'zz' }))).toEqual(sorted.filter((key) => byUtf8(key, 'zz') >= 0));
      expect(keysOf(await store.scan({ end: 'a' }))).toEqual(sorted.filter((key) => byUtf8(key, 'a') < 0));
      expect(keysOf(await store.scan({ start: 'e', end: '\u{1F600}' }))).toEqual(
        sorted.filter((key) => byUtf8(key, 'e') >= 0 && byUtf8(key, '\u{1F600}') < 0),
      );
    });

    it('returns nothing for an empty range or a zero limit', async () => {
      const store = await loaded();
      expect(await store.scan({ start: 'b', end: 'b' })).toEqual([]);
      expect(await store.scan({ start: 'c', end: 'b' })).toEqual([]);
      expect(await store.scan({ limit: 0 })).toEqual([]);
    });

    it('intersects a prefix with a range', async () => {
      const store = await loaded();
      expect(keysOf(await store.scan({ prefix: 'a', start: 'ab', end: 'ac' }))).toEqual(['ab', 'abc', 'abd']);
    });

    it('rejects a negative or fractional limit', async () => {
      const store = await loaded();
      await expect(Promise.resolve().then(() => store.scan({ limit: -1 }))).rejects.toThrow(/limit/);
      await expect(Promise.resolve().then(() => store.scan({ limit: 1.5 }))).rejects.toThrow(/limit/);
    });

    it('sees pending puts and deletes, honouring order and limit', async () => {
      const store = await loaded();
      // These stay pending in the write-batch variants (far below the default 1000 ops).
      await store.delete('ab');
      await store.delete('abc');
      await store.put('aba', utf8('new'));
      await store.put('abd', utf8('changed'));
      await store.put('abz', utf8('new too'));
      const expected: [string, string][] = [
        ['aba', hex(utf8('new'))!],
        ['abd', hex(utf8('changed'))!],
        ['abz', hex(utf8('new too'))!],
      ];
      expect(await scanned(store, { prefix: 'ab' })).toEqual(expected);
      expect(await scanned(store, { prefix: 'ab', limit: 2 })).toEqual(expected.slice(0, 2));
      expect(keysOf(await store.scan({ prefix: 'a', limit: 4 }))).toEqual(
        sorted.filter((key) => key.startsWith('a') && key !== 'ab' && key !== 'abc').concat(['aba', 'abz']).sort(byUtf8).slice(0, 4),
      );
      // Deleting the first rows of a limited scan must not shorten it.
      await store.delete('');
      await store.delete('B');
      expect(keysOf(await store.scan({ limit: 3 }))).toEqual(
        sorted.filter((key) => !['', 'B', 'ab', 'abc'].includes(key)).slice(0, 3),
      );
      await store.flush();
      expect(await scanned(store, { prefix: 'ab' })).toEqual(expected);
    });

    it('merges pending writes in UTF-8 order, not UTF-16 order', async () => {
      const store = await loaded();
      // Pending keys around U+FFFF and U+1F600, whose UTF-16 and UTF-8 orders disagree.
      const added = ['\uffffa', '\u{1F600}0', '\u{10000}', '\ue000', 'é0'];
      for (const key of added) await store.put(key, valueOf(key));
      await store.delete('\uffffz');
      const expected = [...sorted.filter((key) => key !== '\uffffz'), ...added].sort(byUtf8);
      expect(await scanned(store, {})).toEqual(expectedFor(expected));
      expect(await scanned(store, { start: 'é', limit: 6 })).toEqual(
        expectedFor(expected.filter((key) => byUtf8(key, 'é') >= 0).slice(0, 6)),
      );
    });
  });

  it('keeps acknowledged data across close and reopen on the same folder', async () => {
    const dir = makeDir();
    const first = await openStore({ dir, settings: smallBatch });
    for (let i = 0; i < 7; i++) await first.put(`key:${i}`, bytes(i, i));
    await first.delete('key:3');
    await first.flush();
    await first.put('after-flush', bytes(9)); // acknowledged; close must make it durable
    await closeStore(first);
    expect(fs.existsSync(dir)).toBe(true);

    const second = await openStore({ dir });
    expect(await read(second, 'key:3')).toBeUndefined();
    expect(await read(second, 'after-flush')).toBe(hex(bytes(9)));
    expect(keysOf(await second.scan({ prefix: 'key:' }))).toEqual(['key:0', 'key:1', 'key:2', 'key:4', 'key:5', 'key:6']);
    expect(await read(second, 'key:6')).toBe(hex(bytes(6, 6)));
  });

  it('has every acknowledged write in the database file itself after flush (nothing left only in a WAL)', async () => {
    // A WAL that was never synced is what a power loss takes away; after
    // flush() the main file alone must hold the data, so copy just that file.
    const dir = makeDir();
    const store = await openStore({ dir, settings: smallBatch });
    for (let i = 0; i < 10; i++) await store.put(`key:${i}`, bytes(i));
    await store.delete('key:4');
    await store.flush();
    const copyDir = makeDir();
    fs.copyFileSync(path.join(dir, DATABASE_FILE_NAME), path.join(copyDir, DATABASE_FILE_NAME));
    const copy = new Database(path.join(copyDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      const keys = (copy.prepare('SELECT key FROM kv ORDER BY key').all() as { key: string }[]).map((row) => row.key);
      expect(keys).toEqual(['key:0', 'key:1', 'key:2', 'key:3', 'key:5', 'key:6', 'key:7', 'key:8', 'key:9']);
    } finally {
      copy.close();
    }
  });

  it('removes the temp folder it made, and only that', async () => {
    const store = await openStore();
    const dir = (store as Store & { dir: string }).dir;
    expect(fs.existsSync(dir)).toBe(true);
    expect(path.basename(dir)).toMatch(/^varbench-store-/);
    await store.put('x', bytes(1));
    await closeStore(store);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('round-trips values byte-exact', async () => {
    const store = await openStore({ settings: smallBatch });
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const large = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) & 0xff);
    const values: Record<string, Uint8Array> = {
      empty: new Uint8Array(0),
      zeros: new Uint8Array(17),
      allBytes: all,
      large,
      offsetView: new Uint8Array(all.buffer, 100, 10), // a view with a non-zero byteOffset
    };
    for (const [key, value] of Object.entries(values)) await store.put(key, value);
    const check = async (): Promise<void> => {
      for (const [key, value] of Object.entries(values)) {
        const got = await store.get(key);
        expect(got, key).toBeInstanceOf(Uint8Array);
        expect(got!.byteLength, key).toBe(value.byteLength);
        expect(hex(got), key).toBe(hex(value));
      }
      expect(await scanned(store, {})).toEqual(Object.keys(values).sort(byUtf8).map((key) => [key, hex(values[key])]));
    };
    await check();
    await store.flush();
    await check();
  });

  it('keeps its own copy of a value (the caller may reuse its buffer)', async () => {
    const store = await openStore();
    const buffer = bytes(1, 2, 3);
    await store.put('k', buffer);
    buffer.fill(9);
    expect(await read(store, 'k')).toBe(hex(bytes(1, 2, 3)));
    await store.flush();
    expect(await read(store, 'k')).toBe(hex(bytes(1, 2, 3)));
  });

  it('agrees with a replay of the ops it ran, concurrent gets included (the check after the measured phase)', async () => {
    // Small write batches, so commits happen mid-run and pooled's gets race them.
    const store = await openStore({ settings: smallBatch });
    const dataset = { records: 400, valueBytes: 32, seed: 21 };
    await loadDataset(store, dataset);
    const trace = buildTrace({
      mix: { get: 55, put: 20, delete: 10, scan: 5, batch: 10 }, operations: 1_000, distribution: { kind: 'zipfian', constant: 0.99, scrambled: true },
      records: dataset.records, valueBytes: dataset.valueBytes, seed: 5, popularitySeed: dataset.seed, batchSize: 4,
    });
    const keys = Array.from({ length: dataset.records }, (_, i) => keyOf(i));
    let now = 0;
    const observed = new ObservedGets(1);
    const result = await drive({
      store, trace, keys, operations: trace.length, maxDurationNs: null, concurrency: 16, scanLength: 5, sampleEvery: 1,
      tickIntervalNs: 1e6, clock: { nowNs: () => (now += 1_000) }, finish: () => store.flush(), observeGets: observed,
    });
    expect(result.positions).toBe(trace.length);
    expect(observed.gets.length).toBeGreaterThan(300);
    const disagreements = await verifyAfterMeasure(store, {
      dataset, warmup: null, measured: { trace, positions: result.positions }, observed: observed.gets, seed: 1,
    });
    expect(disagreements).toEqual([]);
  });

  it('rejects an unknown setting at open, naming it', async () => {
    await expect(variant.open({ settings: { ...settings, noSuchSetting: 1 } })).rejects.toThrow(/noSuchSetting/);
  });
});
