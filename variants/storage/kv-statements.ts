/**
 * The kv table's statements, prepared once per connection (batched, pooled,
 * cached). Preparing is the SQL compiler's work: parse, plan, emit bytecode;
 * doing it once and re-binding is the main thing naive does not do.
 */
import type { KeyRange } from './key-order.ts';
import { DELETE, SCAN_BETWEEN, SCAN_FROM, SELECT_KEYS, SELECT_VALUE, UPSERT, type SqliteDatabase } from './kv-table.ts';
import type { Entry } from './store.ts';
import type Database from 'better-sqlite3';

/** Reads; also what a read-only reader connection prepares. */
export class KvReadStatements {
  readonly #get: Database.Statement<[string], Uint8Array>;
  readonly #scanFrom: Database.Statement<[string, number], Entry>;
  readonly #scanBetween: Database.Statement<[string, string, number], Entry>;
  readonly #keys: Database.Statement<[], string>;

  constructor(db: SqliteDatabase) {
    // pluck(): return the single column itself rather than a { value } object.
    this.#get = db.prepare<[string], Uint8Array>(SELECT_VALUE).pluck();
    this.#scanFrom = db.prepare<[string, number], Entry>(SCAN_FROM);
    this.#scanBetween = db.prepare<[string, string, number], Entry>(SCAN_BETWEEN);
    this.#keys = db.prepare<[], string>(SELECT_KEYS).pluck();
  }

  get(key: string): Uint8Array | undefined {
    return this.#get.get(key);
  }

  /** Rows of `range` in key order, at most `rowLimit` (undefined: all). Rows are `{ key, value }`, i.e. Entries. */
  scan(range: KeyRange, rowLimit: number | undefined): Entry[] {
    const limit = rowLimit ?? -1;
    return range.upper === undefined
      ? this.#scanFrom.all(range.lower, limit)
      : this.#scanBetween.all(range.lower, range.upper, limit);
  }

  /** Every key on disk, in order, streamed (a full table can be large). */
  keys(): IterableIterator<string> {
    return this.#keys.iterate();
  }
}

/** Writes, for the single writer connection. */
export class KvWriteStatements {
  readonly #put: Database.Statement<[string, Uint8Array]>;
  readonly #delete: Database.Statement<[string]>;

  constructor(db: SqliteDatabase) {
    this.#put = db.prepare<[string, Uint8Array]>(UPSERT);
    this.#delete = db.prepare<[string]>(DELETE);
  }

  put(key: string, value: Uint8Array): void {
    this.#put.run(key, value);
  }

  delete(key: string): void {
    this.#delete.run(key);
  }
}
