/**
 * pooled: reads served by a pool of worker threads, each with its own
 * read-only connection to the WAL database; writes by a batched store on the
 * main thread (batched.ts: its WriteBatch, transactions, WAL and flush), whose
 * own connection pooled uses only to write.
 *
 * Read-your-writes across threads. A write is acknowledged while it sits in
 * the pending batch, which only the main thread can see, so:
 * - get() answers from the pending batch when the key is there (a value or a
 *   tombstone) and asks a worker only otherwise;
 * - scan() takes the pending entries of its range when it is called and
 *   merges them over the rows a worker returns;
 * - a commit runs synchronously on the main thread, and in WAL mode a read
 *   that starts after a commit sees it; a worker reads only after receiving
 *   a message posted after the commit. So a write is always visible to a
 *   later read: from the overlay until it is committed, from disk after.
 * A read concurrent with writes may see some of them, as any concurrent read.
 *
 * get() and scan() return promises (the reply comes from another thread);
 * put(), delete(), batch() and flush() are synchronous like batched's.
 */
import os from 'node:os';
import { readSettings, type SettingSpecs } from '../../lib/settings.ts';
import { BATCH_SETTINGS, BatchedStore } from './batched.ts';
import { toKeyRange } from './key-order.ts';
import { ReaderPool } from './reader-pool.ts';
import { toScanRequest } from './reader-protocol.ts';
import { committedRowsNeeded, mergeScan } from './scan-merge.ts';
import type { Entry, ScanOptions, Store, StoreCounters, StoreOptions, StoreVariant, WriteOp } from './store.ts';
import type { FolderBacked } from './store-folder.ts';
import { TOMBSTONE } from './write-batch.ts';

type PoolSettingName = 'poolSize' | 'poolMaxBatch';

const POOL_SETTINGS: SettingSpecs<PoolSettingName> = {
  poolSize: { default: os.availableParallelism(), min: 1, max: 64, integer: true, meaning: 'reader worker threads' },
  poolMaxBatch: { default: 256, min: 1, integer: true, meaning: 'reads per message to a worker' },
};

export class PooledStore implements Store, FolderBacked {
  #overlayHits = 0;
  #closed: Promise<void> | null = null;

  private constructor(
    private readonly writer: BatchedStore,
    private readonly readers: ReaderPool,
  ) {}

  static async open(options: StoreOptions = {}): Promise<PooledStore> {
    const { poolSize, poolMaxBatch, ...batchSettings } = readSettings('pooled store', options.settings, { ...POOL_SETTINGS, ...BATCH_SETTINGS });
    // The writer creates the folder, the database, the schema and the WAL files before any reader opens it.
    const writer = BatchedStore.open({ ...options, settings: batchSettings }, 'pooled');
    try {
      const readers = await ReaderPool.start({ size: poolSize, maxBatch: poolMaxBatch, config: { databaseFile: writer.databaseFile } });
      return new PooledStore(writer, readers);
    } catch (error) {
      writer.close(); // closes its connection and removes the folder if it made it
      throw error;
    }
  }

  get dir(): string {
    return this.writer.dir;
  }

  get(key: string): Promise<Uint8Array | undefined> {
    const pending = this.writer.pending(key);
    if (pending !== undefined) {
      this.#overlayHits += 1;
      return Promise.resolve(pending === TOMBSTONE ? undefined : pending);
    }
    return this.readers.get(key);
  }

  put(key: string, value: Uint8Array): void {
    this.writer.put(key, value);
  }

  delete(key: string): void {
    this.writer.delete(key);
  }

  batch(ops: readonly WriteOp[]): void {
    this.writer.batch(ops);
  }

  scan(options: ScanOptions): Promise<Entry[]> {
    let range;
    try {
      range = toKeyRange(options);
    } catch (error) {
      return Promise.reject(error);
    }
    if (range === null) return Promise.resolve([]);
    const { limit } = range;
    // Taken now: writes pending at call time may be committed before the worker reads (see the header).
    const pending = this.writer.pendingInRange(range);
    const request = toScanRequest(range, committedRowsNeeded(limit, pending));
    return this.readers.scan(request).then((committed) => mergeScan(committed, pending, limit));
  }

  /** Commits the pending batch and syncs the WAL: acknowledged writes are then on disk (store.ts contract). */
  flush(): void {
    this.writer.flush();
  }

  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  counters(): StoreCounters {
    return {
      ...this.readers.counters(),
      poolOverlayHits: this.#overlayHits,
      ...this.writer.counters(),
    };
  }

  async #close(): Promise<void> {
    try {
      await this.readers.close();
    } finally {
      // Commits what is pending, then closes the writer's connection, by now the last one, so
      // SQLite checkpoints the WAL into the database file; the folder goes after every connection.
      this.writer.close();
    }
  }
}

export const pooled: StoreVariant = {
  name: 'pooled',
  settings: { ...POOL_SETTINGS, ...BATCH_SETTINGS },
  description: 'reads by a pool of worker threads (one read-only WAL connection each), coalesced into one message per worker per tick; writes batched on the main thread with a read-your-writes overlay',
  open: (options) => PooledStore.open(options),
};
