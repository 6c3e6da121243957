/**
 * naive: the store as a first attempt would write it, a baseline the other
 * variants must beat.
 *
 * - Every put and delete is its own autocommit transaction, in rollback-
 *   journal mode with synchronous=FULL: each one writes and fsyncs a journal
 *   and the database (roughly a millisecond per write on ordinary disks).
 * - Statements are prepared on every call; nothing is cached.
 * - Values are stored as JSON text (a JSON string of their base64), so every
 *   read and write pays an encode or decode and 4/3 the bytes plus quotes.
 *
 * It is still correct: batch() runs in one transaction (the contract wants it
 * atomic), keys order by bytes, and writes are durable when the call returns,
 * so flush() has nothing to do.
 */
import { readSettings } from '../../lib/settings.ts';
import { toKeyRange } from './key-order.ts';
import { DELETE, SELECT_VALUE, UPSERT, openKvDatabase, scanQuery, type SqliteDatabase } from './kv-table.ts';
import type { Entry, ScanOptions, Store, StoreOptions, StoreVariant, WriteOp } from './store.ts';
import { StoreFolder, type FolderBacked } from './store-folder.ts';

function encodeValue(value: Uint8Array): string {
  return JSON.stringify(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'));
}

function decodeValue(text: string): Uint8Array {
  return Buffer.from(JSON.parse(text) as string, 'base64');
}

export class NaiveStore implements Store, FolderBacked {
  #closed = false;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly folder: StoreFolder,
  ) {}

  static open(options: StoreOptions = {}): NaiveStore {
    readSettings('naive store', options.settings, {});
    const folder = StoreFolder.open(options.dir);
    try {
      return new NaiveStore(openKvDatabase(folder.databaseFile, 'rollback'), folder);
    } catch (error) {
      folder.release();
      throw error;
    }
  }

  get dir(): string {
    return this.folder.dir;
  }

  get(key: string): Uint8Array | undefined {
    const text = this.db.prepare<[string], string>(SELECT_VALUE).pluck().get(key);
    return text === undefined ? undefined : decodeValue(text);
  }

  put(key: string, value: Uint8Array): void {
    this.db.prepare(UPSERT).run(key, encodeValue(value));
  }

  delete(key: string): void {
    this.db.prepare(DELETE).run(key);
  }

  batch(ops: readonly WriteOp[]): void {
    // BEGIN/COMMIT by hand (not db.transaction()) to keep the per-op
    // prepare visible: this is the straightforward loop, made atomic.
    this.db.exec('BEGIN');
    try {
      for (const op of ops) {
        if (op.type === 'put') this.put(op.key, op.value);
        else if (op.type === 'delete') this.delete(op.key);
        else throw new TypeError(`batch: unknown op type ${String((op as { type: unknown }).type)}`);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  scan(options: ScanOptions): Entry[] {
    const range = toKeyRange(options);
    if (range === null) return [];
    const { sql, params } = scanQuery(range, range.limit);
    const rows = this.db.prepare(sql).all(...params) as { key: string; value: string }[];
    return rows.map((row) => ({ key: row.key, value: decodeValue(row.value) }));
  }

  flush(): void {
    // Every write committed (and fsynced) before its call returned.
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.db.close();
    } finally {
      this.folder.release();
    }
  }
}

export const naive: StoreVariant = {
  name: 'naive',
  settings: {},
  description: 'autocommit per write, rollback journal + synchronous=FULL, statements prepared per call, JSON-encoded values',
  open: async (options) => NaiveStore.open(options),
};
