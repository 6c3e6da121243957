/**
 * The storage subject's contract. Every variant implements `Store`; the
 * harness reaches variants only through `variants/storage/index.ts`.
 *
 * Methods may return a value or a promise: the harness awaits only thenables,
 * so synchronous variants pay no promise tax. Keys are strings and compare by
 * their UTF-8 bytes (SQLite's BINARY collation), which is the order `scan`
 * returns. Values are opaque bytes.
 *
 * Durability: a write is acknowledged when its call returns (or its promise
 * resolves); everything acknowledged is on disk once `flush()` or `close()`
 * has returned.
 *
 * Order: writes take effect in the order they are called, and a get or scan
 * sees every write called before it (a read in flight while later writes
 * are called may see some of them). The harness checks every variant
 * against a replay of its ops in call order after measuring it
 * (harness/workload/replay.ts), which relies on this.
 */
import type { SettingSpec } from '../../lib/settings.ts';

export type MaybePromise<T> = T | Promise<T>;

export type WriteOp =
  | { readonly type: 'put'; readonly key: string; readonly value: Uint8Array }
  | { readonly type: 'delete'; readonly key: string };

/**
 * An ordered scan. Either `prefix` (keys starting with it) or a key range
 * `start` (inclusive) .. `end` (exclusive); both bounds optional. `limit`
 * caps how many entries come back (default: all).
 */
export interface ScanOptions {
  readonly prefix?: string;
  readonly start?: string;
  readonly end?: string;
  readonly limit?: number;
}

export interface Entry {
  readonly key: string;
  readonly value: Uint8Array;
}

/** Named counters a variant may expose (cache hits, pool waits ...). */
export type StoreCounters = Readonly<Record<string, number>>;

export interface Store {
  get(key: string): MaybePromise<Uint8Array | undefined>;
  put(key: string, value: Uint8Array): MaybePromise<void>;
  delete(key: string): MaybePromise<void>;
  /** Applies the writes in order, atomically. */
  batch(ops: readonly WriteOp[]): MaybePromise<void>;
  scan(options: ScanOptions): MaybePromise<Entry[]>;
  /** Makes every acknowledged write durable. */
  flush(): MaybePromise<void>;
  /** Flushes, releases connections and threads, and removes the temp folder if the store made one. */
  close(): MaybePromise<void>;
  counters?(): StoreCounters;
}

export interface StoreOptions {
  /**
   * Folder holding the database. When omitted the store makes its own temp
   * folder and removes it on close; when given, the folder is kept, so a
   * store reopened on it sees what was flushed.
   */
  readonly dir?: string;
  /** Variant-specific tuning (batch sizes, pool size, cache size ...), validated by the variant. */
  readonly settings?: Readonly<Record<string, number>>;
}

export interface StoreVariant {
  readonly name: string;
  /** One line: the strategy this variant stands for. */
  readonly description: string;
  /** The tuning knobs `open()` accepts in `StoreOptions.settings`, with defaults and bounds. */
  readonly settings: Readonly<Record<string, SettingSpec>>;
  open(options?: StoreOptions): Promise<Store>;
}
