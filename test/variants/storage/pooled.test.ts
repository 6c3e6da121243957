import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { REAL_WORK_LIMIT_MS } from '../../support/real-work-limit.ts';
import { PooledStore } from '../../../variants/storage/pooled.ts';
import { ReaderPool } from '../../../variants/storage/reader-pool.ts';
import type { WriteOp } from '../../../variants/storage/store.ts';

const v = (n: number): Uint8Array => Uint8Array.of(n & 0xff, n >> 8);
const bytesOf = (value: Uint8Array | undefined): number[] | undefined => (value === undefined ? undefined : Array.from(value));
const fixture = (name: string): URL => new URL(`./fixtures/${name}`, import.meta.url);

describe('pooled store', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function open(settings: Record<string, number> = {}): Promise<PooledStore> {
    const store = await PooledStore.open({ settings: { poolSize: 2, ...settings } });
    cleanup.push(() => store.close());
    return store;
  }

  async function loaded(records: number, settings: Record<string, number> = {}): Promise<PooledStore> {
    const store = await open(settings);
    const ops: WriteOp[] = Array.from({ length: records }, (_, i) => ({ type: 'put', key: `key:${i}`, value: v(i) }));
    store.batch(ops);
    store.flush();
    return store;
  }

  it('coalesces the gets of one tick into one message per idle worker', async () => {
    const store = await loaded(100);
    const values = await Promise.all(Array.from({ length: 10 }, (_, i) => store.get(`key:${i}`)));
    expect(values.map(bytesOf)).toEqual(Array.from({ length: 10 }, (_, i) => bytesOf(v(i))));
    // Ten gets, two idle workers: five keys per message.
    expect(store.counters()).toMatchObject({ poolRequests: 10, poolBatches: 2, poolQueueWaits: 0 });
  });

  it('sends many concurrent gets in far fewer messages, queueing what the busy workers cannot take', async () => {
    const store = await loaded(1000, { poolMaxBatch: 256 });
    const values = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.get(`key:${i}`)));
    expect(values.every((value, i) => bytesOf(value)!.join() === bytesOf(v(i))!.join())).toBe(true);
    // First dispatch: 256 keys to each of the 2 workers, 488 wait; each reply takes the rest
    // in at most 256-key batches, so 4 messages carry the 1000 gets whatever the timing.
    expect(store.counters()).toMatchObject({ poolRequests: 1000, poolBatches: 4, poolQueueWaits: 488 });
  });

  it('reuses reply buffers instead of allocating one per batch', async () => {
    const store = await loaded(100);
    for (let round = 0; round < 50; round++) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.get(`key:${(round + i) % 100}`)));
    }
    const { poolBatches, poolBufferAllocations } = store.counters();
    expect(poolBatches).toBe(100);
    // One buffer per worker, shuttled back and forth.
    expect(poolBufferAllocations).toBe(2);
  });

  it('batches scans with gets and merges pending writes into them', async () => {
    const store = await loaded(20);
    store.put('key:1!', v(99)); // pending; '!' sorts before digits, so right after key:1
    store.delete('key:10'); // pending tombstone over a committed row
    const [scan, get] = await Promise.all([store.scan({ prefix: 'key:1', limit: 4 }), store.get('key:1!')]);
    expect(scan.map((entry) => entry.key)).toEqual(['key:1', 'key:1!', 'key:11', 'key:12']);
    expect(bytesOf(scan[1]!.value)).toEqual(bytesOf(v(99)));
    // The get was answered from the pending batch; the scan went to a worker.
    expect(store.counters()).toMatchObject({ poolOverlayHits: 1, poolRequests: 1 });
    expect(bytesOf(get)).toEqual(bytesOf(v(99)));
  });

  it('reads every acknowledged write, whether pending or committed', async () => {
    const store = await open({ batchMaxOps: 7 });
    for (let i = 0; i < 300; i++) {
      const key = `k${i % 13}`;
      if (i % 5 === 4) {
        store.delete(key);
        expect(await store.get(key)).toBeUndefined();
      } else {
        store.put(key, v(i));
        expect(bytesOf(await store.get(key))).toEqual(bytesOf(v(i)));
      }
      if (i % 11 === 0) store.flush();
    }
    // Both paths were taken: the overlay and the workers.
    const { poolOverlayHits, poolRequests, batchCommits } = store.counters();
    expect(poolOverlayHits).toBeGreaterThan(0);
    expect(poolRequests).toBeGreaterThan(0);
    expect(batchCommits).toBeGreaterThan(0);
  });

  it('rejects a read that fails inside a worker, with the SQLite error, and keeps serving', async () => {
    const store = await loaded(10);
    const file = path.join(store.dir, 'store.sqlite');
    const other = new Database(file);
    other.exec('DROP TABLE kv');
    other.close();
    await expect(store.get('key:1')).rejects.toThrow(/no such table: kv/);
    await expect(store.scan({ prefix: 'key:' })).rejects.toThrow(/no such table: kv/);
  });

  it('answers reads still in flight when closed, and rejects reads after close', async () => {
    const store = await PooledStore.open({ settings: { poolSize: 2 } });
    store.put('k', v(7));
    store.flush();
    const inFlight = store.get('k');
    await store.close();
    expect(bytesOf(await inFlight)).toEqual(bytesOf(v(7)));
    await expect(store.get('k')).rejects.toThrow(/after close/);
    await store.close(); // idempotent
  });
});

describe('reader pool failures', () => {
  const config = { databaseFile: '/nonexistent/unused.sqlite' };

  it('rejects the reads of a worker that throws, and later reads once no worker is left', async () => {
    const pool = await ReaderPool.start({ size: 1, maxBatch: 16, config, entry: fixture('crashing-reader.ts') });
    await Promise.all(
      [pool.get('a'), pool.get('b')].map((read) => expect(read).rejects.toThrow(/reader worker 0 failed: reader fixture exploded/)),
    );
    await expect(pool.get('c')).rejects.toThrow(/reader fixture exploded/);
    await pool.close();
  });

  it('rejects the reads of a worker that exits', async () => {
    const pool = await ReaderPool.start({ size: 1, maxBatch: 16, config, entry: fixture('exiting-reader.ts') });
    await expect(pool.get('a')).rejects.toThrow(/exited with code 3/);
    await pool.close();
  });

  it('fails to start when a worker cannot start', async () => {
    await expect(ReaderPool.start({ size: 2, maxBatch: 16, config, entry: fixture('broken-reader.ts') })).rejects.toThrow(
      /failed to start: reader fixture cannot start/,
    );
  });

  it('fails to start the real reader on a missing database, with SQLite saying why', async () => {
    await expect(ReaderPool.start({ size: 1, maxBatch: 16, config })).rejects.toThrow(/failed to start/);
  });

  it('does not let a worker that never answers hang close()', async () => {
    const pool = await ReaderPool.start({ size: 1, maxBatch: 16, config, entry: fixture('silent-reader.ts'), closeGraceMs: 50 });
    const rejected = expect(pool.get('a')).rejects.toThrow(/closed before the read was answered/);
    await pool.close();
    await rejected;
  });
});

describe('pooled store process lifecycle', () => {
  const script = fileURLToPath(fixture('pooled-lifecycle.ts'));
  const root = fileURLToPath(new URL('../../../', import.meta.url));

  // Run under plain `node --import tsx`, as the harness runs variants (vitest is not involved there).
  it.each(['close', 'leave-open'])('exits by itself under node --import tsx (%s)', (mode) => {
    // Its own TMPDIR: a store left open never removes its temp folder.
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'varbench-lifecycle-'));
    const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, mode], {
      cwd: root, encoding: 'utf8', timeout: REAL_WORK_LIMIT_MS, env: { ...process.env, TMPDIR: tmp },
    });
    rmSync(tmp, { recursive: true, force: true });
    expect(result.error).toBeUndefined(); // a timeout would surface here as ETIMEDOUT
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('done');
    expect(result.status).toBe(0);
  });
});
