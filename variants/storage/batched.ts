/**
 * batched: writes collected in a WriteBatch and committed by the thousand in
 * one transaction; WAL journal with synchronous=NORMAL; statements prepared
 * once. Reads consult the pending batch first, so every acknowledged write is
 * visible immediately (read-your-writes) although it reaches SQLite later.
 *
 * Durability follows the contract: acknowledged writes may sit in memory
 * until flush() or close() commits them (or a full batch does).
 */
import { readSettings, type SettingSpecs } from '../../lib/settings.ts';
import { toKeyRange, type KeyRange } from './key-order.ts';
import { KvReadStatements, KvWriteStatements } from './kv-statements.ts';
import { openKvDatabase, syncWal, type SqliteDatabase } from './kv-table.ts';
import { committedRowsNeeded, mergeScan } from './scan-merge.ts';
import type { Entry, ScanOptions, Store, StoreCounters, StoreOptions, StoreVariant, WriteOp } from './store.ts';
import { StoreFolder, type FolderBacked } from './store-folder.ts';
import { TOMBSTONE, WriteBatch, type PendingEntry, type PendingValue } from './write-batch.ts';

export type BatchSettingName = 'batchMaxOps' | 'batchMaxBytes';

/** Shared by every variant built on a WriteBatch (batched, pooled, cached). */
export const BATCH_SETTINGS: SettingSpecs<BatchSettingName> = {
  batchMaxOps: { default: 1000, min: 1, integer: true, meaning: 'writes per transaction' },
  batchMaxBytes: { default: 4 * 1024 * 1024, min: 1, integer: true, meaning: 'bytes of keys and values per transaction' },
};

/** Builds the commit function for a WriteBatch: one transaction writing each key's final state. */
function transactionalCommit(db: SqliteDatabase): (writes: ReadonlyMap<string, PendingValue>) => void {
  const statements = new KvWriteStatements(db);
  // db.transaction() wraps the call in BEGIN/COMMIT and rolls back if it throws.
  return db.transaction((writes: ReadonlyMap<string, PendingValue>) => {
    for (const [key, value] of writes) {
      if (value === TOMBSTONE) statements.delete(key);
      else statements.put(key, value);
    }
  });
}

export class BatchedStore implements Store, FolderBacked {
  readonly #reads: KvReadStatements;
  readonly #batch: WriteBatch;
  #closed = false;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly folder: StoreFolder,
    limits: { batchMaxOps: number; batchMaxBytes: number },
  ) {
    this.#reads = new KvReadStatements(db);
    this.#batch = new WriteBatch(transactionalCommit(db), { maxOps: limits.batchMaxOps, maxBytes: limits.batchMaxBytes });
  }

  /** `variantName` only labels setting errors (cached and pooled open a batched store with their own settings). */
  static open(options: StoreOptions = {}, variantName = 'batched'): BatchedStore {
    const settings = readSettings(`${variantName} store`, options.settings, BATCH_SETTINGS);
    const folder = StoreFolder.open(options.dir);
    let db: SqliteDatabase | undefined;
    try {
      db = openKvDatabase(folder.databaseFile, 'wal');
      return new BatchedStore(db, folder, settings);
    } catch (error) {
      db?.close(); // the constructor prepares statements, which can fail after the database opened
      folder.release();
      throw error;
    }
  }

  get dir(): string {
    return this.folder.dir;
  }

  /** The SQLite file, for connections of its own (pooled's readers). */
  get databaseFile(): string {
    return this.folder.databaseFile;
  }

  /**
   * The pending state of `key`: a value, TOMBSTONE (deleted), or undefined
   * (not pending: the database has it). For a store that reads through
   * connections of its own and must still see every acknowledged write (pooled).
   */
  pending(key: string): PendingValue | undefined {
    return this.#batch.lookup(key);
  }

  /** Pending entries inside `range`, in key order, tombstones included (for a scan merged elsewhere, as pooled's). */
  pendingInRange(range: KeyRange): PendingEntry[] {
    return this.#batch.inRange(range);
  }

  get(key: string): Uint8Array | undefined {
    const pending = this.#batch.lookup(key);
    if (pending !== undefined) return pending === TOMBSTONE ? undefined : pending;
    return this.#reads.get(key);
  }

  put(key: string, value: Uint8Array): void {
    this.#batch.put(key, value);
  }

  delete(key: string): void {
    this.#batch.delete(key);
  }

  batch(ops: readonly WriteOp[]): void {
    this.#batch.apply(ops);
  }

  scan(options: ScanOptions): Entry[] {
    const range = toKeyRange(options);
    if (range === null) return [];
    const pending = this.#batch.inRange(range);
    const committed = this.#reads.scan(range, committedRowsNeeded(range.limit, pending));
    return mergeScan(committed, pending, range.limit);
  }

  /** Every key in the store, in key order. Commits pending writes first, so one pass over the table sees them all. */
  *keys(): IterableIterator<string> {
    this.#batch.flush();
    yield* this.#reads.keys();
  }

  /** Commits the pending batch and syncs the WAL: acknowledged writes are then on disk (store.ts contract). */
  flush(): void {
    this.#batch.flush();
    syncWal(this.db);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#batch.flush();
    } finally {
      // Closing the last connection checkpoints the WAL into the database file and deletes it.
      this.db.close();
      this.folder.release();
    }
  }

  counters(): StoreCounters {
    return {
      batchCommits: this.#batch.commits,
      batchCommittedWrites: this.#batch.committedWrites,
    };
  }
}

export const batched: StoreVariant = {
  name: 'batched',
  settings: BATCH_SETTINGS,
  description: 'writes batched in memory (read-your-writes overlay) and committed per 1000 in one transaction; WAL + synchronous=NORMAL; prepared statements cached',
  open: async (options) => BatchedStore.open(options),
};
