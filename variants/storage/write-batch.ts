/**
 * A write batch: puts and deletes collected in memory and committed together,
 * in one SQLite transaction, once they reach `maxOps` operations or `maxBytes`
 * bytes, or on flush(). One transaction per thousand writes instead of one
 * per write is the whole idea of the batched variant (SQLite FAQ #19: a
 * transaction costs a few disk rotations, an INSERT inside one almost nothing).
 *
 * The pending map doubles as an overlay: readers consult it before the
 * database (read-your-writes), because an acknowledged write must be visible
 * even though it is not committed yet. Last write per key wins; a delete is a
 * tombstone, so it hides the committed row until the batch commits.
 *
 * Committing each key's final state is equivalent to replaying the ops in
 * order: writes to different keys commute, and for one key only the last
 * counts.
 */
import type { KeyRange } from './key-order.ts';
import { compareKeys, inKeyRange } from './key-order.ts';
import type { WriteOp } from './store.ts';

/** Marks a pending delete in the overlay. */
export const TOMBSTONE: unique symbol = Symbol('tombstone');
export type PendingValue = Uint8Array | typeof TOMBSTONE;

export interface PendingEntry {
  readonly key: string;
  readonly value: PendingValue;
}

export interface WriteBatchLimits {
  /** Commit once this many operations are pending. */
  readonly maxOps: number;
  /** Commit once the pending operations hold this many bytes (keys + values). */
  readonly maxBytes: number;
}

/** Writes the batch's final state per key, inside one transaction. Throwing leaves the batch pending. */
export type CommitBatch = (writes: ReadonlyMap<string, PendingValue>) => void;

export class WriteBatch {
  #pending = new Map<string, PendingValue>();
  #ops = 0;
  #bytes = 0;
  #commits = 0;
  #committedWrites = 0;

  constructor(
    private readonly commit: CommitBatch,
    readonly limits: WriteBatchLimits,
  ) {}

  /** Stages a put. The value is copied: the caller may reuse its buffer once the call returns. */
  put(key: string, value: Uint8Array): void {
    this.#stagePut(key, value);
    this.#flushIfFull();
  }

  delete(key: string): void {
    this.#stageDelete(key);
    this.#flushIfFull();
  }

  /**
   * Stages several writes, in order. The limits are checked only after the
   * last one, so a Store.batch() never straddles two transactions: it commits
   * whole or (on a crash before commit) not at all, as the contract requires.
   */
  apply(ops: readonly WriteOp[]): void {
    // Validate everything first so a bad op cannot leave half a batch staged.
    for (const [i, op] of ops.entries()) {
      if (op.type === 'put') {
        if (!(op.value instanceof Uint8Array)) throw new TypeError(`batch: ops[${i}].value must be a Uint8Array`);
      } else if (op.type !== 'delete') {
        throw new TypeError(`batch: ops[${i}].type must be 'put' or 'delete', got ${String((op as { type: unknown }).type)}`);
      }
      if (typeof op.key !== 'string') throw new TypeError(`batch: ops[${i}].key must be a string`);
    }
    for (const op of ops) {
      if (op.type === 'put') this.#stagePut(op.key, op.value);
      else this.#stageDelete(op.key);
    }
    this.#flushIfFull();
  }

  /** The pending state of `key`: a value, TOMBSTONE (deleted), or undefined (not pending: ask the database). */
  lookup(key: string): PendingValue | undefined {
    return this.#pending.get(key);
  }

  /** Pending entries inside `range`, in key order (tombstones included, for the scan merge). */
  inRange(range: KeyRange): PendingEntry[] {
    if (this.#pending.size === 0) return [];
    const entries: PendingEntry[] = [];
    for (const [key, value] of this.#pending) {
      if (inKeyRange(key, range)) entries.push({ key, value });
    }
    return entries.sort((a, b) => compareKeys(a.key, b.key));
  }

  /** Commits everything pending. A no-op when nothing is. */
  flush(): void {
    if (this.#pending.size === 0) return;
    const writes = this.#pending;
    this.commit(writes); // throws -> the writes stay pending, nothing acknowledged is lost
    this.#commits += 1;
    this.#committedWrites += writes.size;
    this.#pending = new Map();
    this.#ops = 0;
    this.#bytes = 0;
  }

  /** Operations staged since the last commit (a key written twice counts twice). */
  get pendingOps(): number {
    return this.#ops;
  }

  /** Bytes staged since the last commit: key length in UTF-16 units (= bytes for ASCII) plus value bytes. */
  get pendingBytes(): number {
    return this.#bytes;
  }

  /** Distinct keys pending. */
  get pendingKeys(): number {
    return this.#pending.size;
  }

  /** Transactions committed so far. */
  get commits(): number {
    return this.#commits;
  }

  /** Rows written by those transactions (one per distinct key per commit). */
  get committedWrites(): number {
    return this.#committedWrites;
  }

  #stagePut(key: string, value: Uint8Array): void {
    // new Uint8Array(typedArray) copies; Buffer#slice would not.
    this.#pending.set(key, new Uint8Array(value));
    this.#ops += 1;
    this.#bytes += key.length + value.byteLength;
  }

  #stageDelete(key: string): void {
    this.#pending.set(key, TOMBSTONE);
    this.#ops += 1;
    this.#bytes += key.length;
  }

  #flushIfFull(): void {
    if (this.#ops >= this.limits.maxOps || this.#bytes >= this.limits.maxBytes) this.flush();
  }
}
