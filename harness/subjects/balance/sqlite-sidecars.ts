/**
 * The files SQLite keeps beside a database in WAL mode: `-wal` (the log) and
 * `-shm` (its shared-memory index). Any reader of a WAL database needs both,
 * so a read-only connection creates them when they are missing
 * (https://sqlite.org/wal.html#readonly), and cannot delete them on close
 * as a writer would: a read-only run on a user's Pathfinder database would
 * leave them behind. better-sqlite3 is built without URI filenames
 * (SQLITE_USE_URI=0), so `immutable=1`, which would skip them, is not
 * available.
 *
 * So the run notes which of them existed before it touched the database and,
 * at the end, removes only what it created itself, and only while the log is
 * empty: a log with content belongs to a writer (a node that started
 * meanwhile) and is left alone, with the reason. A -wal or -shm that was
 * there before is never touched.
 */
import { existsSync, rmSync, statSync } from 'node:fs';

export interface SidecarSnapshot {
  readonly dbPath: string;
  readonly walExisted: boolean;
  readonly shmExisted: boolean;
}

export interface SidecarCleanup {
  /** Files this run created and removed. */
  readonly removed: readonly string[];
  /** Files this run created but left, each with why. */
  readonly left: readonly { readonly file: string; readonly reason: string }[];
}

export function snapshotSidecars(dbPath: string): SidecarSnapshot {
  return { dbPath, walExisted: existsSync(`${dbPath}-wal`), shmExisted: existsSync(`${dbPath}-shm`) };
}

/** Call after every connection of the run is closed (the jobs' processes have exited). */
export function removeSidecarsWeCreated(snapshot: SidecarSnapshot): SidecarCleanup {
  const wal = `${snapshot.dbPath}-wal`;
  const shm = `${snapshot.dbPath}-shm`;
  const createdWal = !snapshot.walExisted && existsSync(wal);
  const createdShm = !snapshot.shmExisted && existsSync(shm);
  if (!createdWal && !createdShm) return { removed: [], left: [] };
  const created = [createdWal ? wal : null, createdShm ? shm : null].filter((f): f is string => f !== null);
  if (snapshot.walExisted || snapshot.shmExisted) {
    // The other file was there first: someone else uses this database's WAL.
    return { removed: [], left: created.map((file) => ({ file, reason: 'its companion file existed before the run, so another connection may use it' })) };
  }
  if (createdWal && statSync(wal).size > 0) {
    return { removed: [], left: created.map((file) => ({ file, reason: 'the log holds data now, so another process is writing the database' })) };
  }
  for (const file of created) rmSync(file, { force: true });
  return { removed: created, left: [] };
}
