import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeSidecarsWeCreated, snapshotSidecars } from '../../../../harness/subjects/balance/sqlite-sidecars.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function database(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'varbench-sidecars-'));
  dirs.push(dir);
  const db = path.join(dir, 'node.sqlite');
  writeFileSync(db, 'db');
  return db;
}

describe('the -wal and -shm files a read-only run creates', () => {
  it('removes both when this run created them and the log is empty', () => {
    const db = database();
    const snapshot = snapshotSidecars(db);
    writeFileSync(`${db}-wal`, '');
    writeFileSync(`${db}-shm`, 'index');
    expect(removeSidecarsWeCreated(snapshot)).toEqual({ removed: [`${db}-wal`, `${db}-shm`], left: [] });
    expect(readdirSync(path.dirname(db))).toEqual(['node.sqlite']);
  });

  it('never touches files that were there before the run', () => {
    const db = database();
    writeFileSync(`${db}-wal`, 'frames of a live node');
    writeFileSync(`${db}-shm`, 'index');
    expect(removeSidecarsWeCreated(snapshotSidecars(db))).toEqual({ removed: [], left: [] });
    expect(existsSync(`${db}-wal`) && existsSync(`${db}-shm`)).toBe(true);
  });

  it('leaves a log that holds data (a writer started meanwhile), and says why', () => {
    const db = database();
    const snapshot = snapshotSidecars(db);
    writeFileSync(`${db}-wal`, 'frames');
    writeFileSync(`${db}-shm`, 'index');
    const cleanup = removeSidecarsWeCreated(snapshot);
    expect(cleanup.removed).toEqual([]);
    expect(cleanup.left.map((l) => l.file)).toEqual([`${db}-wal`, `${db}-shm`]);
    expect(cleanup.left[0]!.reason).toContain('another process is writing');
    expect(existsSync(`${db}-wal`)).toBe(true);
  });

  it('leaves a -shm it created when the -wal was there before: another connection may use it', () => {
    const db = database();
    writeFileSync(`${db}-wal`, '');
    const snapshot = snapshotSidecars(db);
    writeFileSync(`${db}-shm`, 'index');
    expect(removeSidecarsWeCreated(snapshot).left.map((l) => l.file)).toEqual([`${db}-shm`]);
  });
});
