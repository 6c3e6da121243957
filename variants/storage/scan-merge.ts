/**
 * Merging a scan of committed rows with the pending writes of a write batch,
 * so that scans see acknowledged but uncommitted writes (read-your-writes).
 *
 * Both inputs are in key order (SQLite's BINARY order and compareKeys agree).
 * A pending entry replaces a committed row with the same key; a pending
 * tombstone removes it. Each output entry consumes at most one committed row
 * and each tombstone at most one more, so fetching `limit + tombstones` rows
 * from the database is always enough (committedRowsNeeded).
 */
import { compareKeys } from './key-order.ts';
import type { Entry } from './store.ts';
import { TOMBSTONE, type PendingEntry } from './write-batch.ts';

/** How many committed rows a merge producing `limit` entries may need to read. */
export function committedRowsNeeded(limit: number | undefined, pending: readonly PendingEntry[]): number | undefined {
  if (limit === undefined) return undefined;
  let tombstones = 0;
  for (const entry of pending) if (entry.value === TOMBSTONE) tombstones += 1;
  return limit + tombstones;
}

/** Takes ownership of `committed` (returns it as is when nothing is pending). */
export function mergeScan(committed: Entry[], pending: readonly PendingEntry[], limit: number | undefined): Entry[] {
  if (pending.length === 0) {
    return limit === undefined || committed.length <= limit ? committed : committed.slice(0, limit);
  }
  const max = limit ?? Infinity;
  const out: Entry[] = [];
  let i = 0;
  let j = 0;
  while (out.length < max) {
    const row = committed[i];
    const write = pending[j];
    if (row === undefined && write === undefined) break;
    const order = row === undefined ? 1 : write === undefined ? -1 : compareKeys(row.key, write.key);
    if (order < 0) {
      out.push(row!);
      i += 1;
    } else {
      if (order === 0) i += 1; // the pending write shadows the committed row
      if (write!.value !== TOMBSTONE) out.push({ key: write!.key, value: write!.value });
      j += 1;
    }
  }
  return out;
}
