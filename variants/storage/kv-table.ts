/**
 * The `kv` table: how a store's database is opened, its schema, and the SQL
 * every variant runs against it. Naive prepares these texts on every call;
 * the other variants prepare them once (kv-statements.ts).
 *
 * WITHOUT ROWID clusters rows by key, so a point lookup is one B-tree search
 * and a range scan reads consecutive pages in key order (no rowid indirection).
 * Keys use the default BINARY collation: memcmp over UTF-8, see key-order.ts.
 */
import Database from 'better-sqlite3';
import type { KeyRange } from './key-order.ts';

export type SqliteDatabase = Database.Database;

export const CREATE_KV_TABLE =
  'CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID';

export const SELECT_VALUE = 'SELECT value FROM kv WHERE key = ?';
/** An upsert updates the row in place; INSERT OR REPLACE would delete and re-insert it. */
export const UPSERT = 'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
export const DELETE = 'DELETE FROM kv WHERE key = ?';
export const SELECT_KEYS = 'SELECT key FROM kv ORDER BY key';
/** Range scans; LIMIT -1 means no limit in SQLite. Parameters: lower[, upper], limit. */
export const SCAN_FROM = 'SELECT key, value FROM kv WHERE key >= ? ORDER BY key LIMIT ?';
export const SCAN_BETWEEN = 'SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key LIMIT ?';

/** The SQL text and parameters that scan `range`, fetching at most `rowLimit` rows (undefined: all). */
export function scanQuery(range: KeyRange, rowLimit: number | undefined): { sql: string; params: unknown[] } {
  const limit = rowLimit ?? -1;
  return range.upper === undefined
    ? { sql: SCAN_FROM, params: [range.lower, limit] }
    : { sql: SCAN_BETWEEN, params: [range.lower, range.upper, limit] };
}

/**
 * Durability modes the variants compare:
 * - rollback: journal_mode=DELETE + synchronous=FULL, SQLite's classic
 *   default; each commit writes and fsyncs the journal, the database, and
 *   deletes the journal (https://sqlite.org/pragma.html#pragma_synchronous).
 * - wal: journal_mode=WAL + synchronous=NORMAL; commits append to the WAL
 *   without fsync (fsync happens at checkpoints), so a commit survives a
 *   process crash but the last ones may be lost on power failure
 *   (https://sqlite.org/wal.html#performance_considerations). Readers on other
 *   connections see every commit that finished before their read began.
 */
export type JournalMode = 'rollback' | 'wal';

/**
 * Page cache and I/O tuning for the WAL connections (batched, cached, pooled);
 * naive keeps SQLite's defaults on purpose. Measured on mixed-70-20-10
 * in-process (400k ops, 100k records): defaults 112k ops/s for batched;
 * with these three, 157k-181k ops/s.
 * - cache_size: the default 2 MiB page cache cannot hold a 100k x 256 B
 *   database (~30 MiB); 64 MiB keeps it and the B-tree interior in memory.
 * - mmap_size: reads map the file instead of a read() syscall per page miss.
 * - wal_autocheckpoint: a batch of 1,000 random writes dirties ~900 pages, so
 *   the default (checkpoint once the WAL holds 1,000 pages) checkpoints, and
 *   fsyncs, after nearly every commit; 16,384 pages (64 MiB of WAL) lets a
 *   checkpoint cover many batches. The cost is still paid, less often.
 * https://sqlite.org/pragma.html#pragma_cache_size, #pragma_mmap_size,
 * #pragma_wal_autocheckpoint
 */
const WAL_TUNING = ['cache_size = -65536', 'mmap_size = 268435456', 'wal_autocheckpoint = 16384'] as const;
const READER_TUNING = ['cache_size = -65536', 'mmap_size = 268435456'] as const;

/** Opens (creating if needed) the writable database with the kv table. */
export function openKvDatabase(file: string, journal: JournalMode): SqliteDatabase {
  const db = new Database(file);
  try {
    if (journal === 'wal') {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      for (const pragma of WAL_TUNING) db.pragma(pragma);
    } else {
      db.pragma('journal_mode = DELETE');
      db.pragma('synchronous = FULL');
    }
    db.exec(CREATE_KV_TABLE);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Makes every commit so far durable on a WAL connection. With
 * synchronous=NORMAL a commit is not fsynced: it survives a process crash
 * but not a power loss. A checkpoint fsyncs the WAL before copying its frames
 * into the database file (and fsyncs that once all frames are copied), so
 * after it every committed write is on disk whatever happens next.
 * PASSIVE never waits for readers: frames a reader still needs stay in the
 * (now synced) WAL. https://sqlite.org/pragma.html#pragma_wal_checkpoint
 */
export function syncWal(db: SqliteDatabase): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * Opens a read-only connection to a WAL database a writer already created.
 * Read-only WAL connections need the -shm and -wal files to exist, which the
 * writer's open connection guarantees (https://sqlite.org/wal.html#readonly).
 */
export function openKvReader(file: string): SqliteDatabase {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  for (const pragma of READER_TUNING) db.pragma(pragma);
  return db;
}
