/**
 * The folder a store keeps its SQLite files in.
 *
 * The contract (store.ts) says: when `options.dir` is omitted the store makes
 * its own temp folder and removes it on close; a folder the caller gave is
 * kept, so reopening on it finds what was flushed. The ownership flag is what
 * makes that rule safe: we never delete a folder we did not create.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Name of the database file inside the folder (WAL adds -wal and -shm next to it). */
export const DATABASE_FILE_NAME = 'store.sqlite';

export class StoreFolder {
  private removed = false;

  private constructor(
    /** Absolute path of the folder. */
    readonly dir: string,
    /** True when this store created the folder and must remove it on close. */
    readonly owned: boolean,
  ) {}

  /** Uses `dir` (created if missing) or makes a fresh temp folder under os.tmpdir(). */
  static open(dir: string | undefined): StoreFolder {
    if (dir === undefined) {
      return new StoreFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'varbench-store-')), true);
    }
    if (typeof dir !== 'string' || dir.length === 0) {
      throw new TypeError(`store options.dir must be a non-empty folder path, got ${JSON.stringify(dir)}`);
    }
    const absolute = path.resolve(dir);
    fs.mkdirSync(absolute, { recursive: true });
    return new StoreFolder(absolute, false);
  }

  get databaseFile(): string {
    return path.join(this.dir, DATABASE_FILE_NAME);
  }

  /** Removes the folder if this store made it; idempotent. Call after every connection is closed. */
  release(): void {
    if (!this.owned || this.removed) return;
    this.removed = true;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * What the variants in this folder expose beyond the contract: where their
 * files live (tests check the temp folder is gone after close; people
 * debugging a run want to look inside).
 */
export interface FolderBacked {
  readonly dir: string;
}
