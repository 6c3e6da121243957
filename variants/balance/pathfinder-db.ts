/**
 * Reading a Pathfinder database: the read-only connection every variant
 * opens, and the SQL they run.
 *
 * Read-only is enforced twice: SQLITE_OPEN_READONLY (better-sqlite3's
 * `readonly`), under which any write fails with SQLITE_READONLY, and
 * `PRAGMA query_only`. The pragmas set here (page cache, mmap) belong to the
 * connection and write nothing to the file. A live Pathfinder database is in
 * WAL mode; a read-only connection to it needs the -shm file to exist or be
 * creatable beside it (https://sqlite.org/wal.html#readonly), which may
 * appear next to the database but never changes the database file.
 *
 * The latest value of every storage address of a contract
 * (LATEST_VALUES): the inner query walks the covering index
 * (contract_address_id, storage_address_id, block_number) and keeps, per
 * storage address, the rowid of the row with MAX(block_number) (SQLite's
 * "bare column" rule: with a single max(), bare columns come from the row
 * holding the max, https://sqlite.org/lang_select.html#bareagg). `rowid IN`
 * then turns those rowids into a sorted list and fetches the rows in rowid
 * order, i.e. in file order. Measured on a 555k-update dataset (8 tokens,
 * 179k latest rows; two runs of 3 on the busy 2-core machine), 440-580 ms
 * against 650-1,070 ms for the one-pass
 * `SELECT storage_address_id, storage_value, MAX(block_number) ... GROUP BY`,
 * which reads the table row of every historical update in index order,
 * i.e. at random, and 630-660 ms for naive's GROUP BY joined back to
 * storage_updates (naive.ts). The one-pass form's cost grows with the
 * history per slot; this one fetches one table row per latest value.
 * Rows come back as (storage_address_id, storage_value): a variant resolves
 * its slots to storage_addresses ids first (STORAGE_ID, one indexed lookup
 * per slot), which spares a join per returned row.
 */
import Database from 'better-sqlite3';
import { PathfinderSchemaError, checkPathfinderSchema } from './schema.ts';

export type PathfinderDb = Database.Database;

/** Connection tuning: 256 MiB of page cache and of memory-mapped reads (https://sqlite.org/pragma.html#pragma_mmap_size). */
const READ_TUNING = ['cache_size = -262144', 'mmap_size = 268435456', 'query_only = ON'] as const;

/** Opens `dbPath` read-only and checks it has Pathfinder's schema (PathfinderSchemaError otherwise). */
export function openPathfinderReadOnly(dbPath: string): PathfinderDb {
  let db: PathfinderDb;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`cannot open the Pathfinder database ${dbPath} read-only: ${(error as Error).message}`, { cause: error });
  }
  try {
    for (const pragma of READ_TUNING) db.pragma(pragma);
    checkPathfinderSchema(db, dbPath);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof PathfinderSchemaError) throw error;
    // SQLITE_NOTADB and friends surface at the first read, with no file name.
    throw new Error(`cannot read the Pathfinder database ${dbPath}: ${(error as Error).message}`, { cause: error });
  }
}

/** contract address BLOB -> contract_addresses.id (no row: the contract never wrote storage). */
export const CONTRACT_ID = 'SELECT id FROM contract_addresses WHERE contract_address = ?';

/** storage address BLOB -> storage_addresses.id (no row: no contract ever wrote that address). */
export const STORAGE_ID = 'SELECT id FROM storage_addresses WHERE storage_address = ?';

/** Latest (storage_address_id, storage_value) of every storage address of contract id `?` (see above). */
export const LATEST_VALUES =
  'SELECT storage_address_id, storage_value FROM storage_updates WHERE rowid IN (' +
  'SELECT rowid FROM (SELECT rowid, MAX(block_number) FROM storage_updates ' +
  'WHERE contract_address_id = ? GROUP BY storage_address_id))';

/** A LATEST_VALUES row as a raw statement returns it: no object per row. */
export type LatestRow = [storageAddressId: number, storageValue: Buffer];

export type LatestValuesStatement = Database.Statement<[number], LatestRow>;

/** LATEST_VALUES prepared once on `db`, rows as arrays (`raw`), to be run for each contract id. */
export function prepareLatestValues(db: PathfinderDb): LatestValuesStatement {
  return db.prepare<[number], LatestRow>(LATEST_VALUES).raw(true);
}
