import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreFolder } from '../../../variants/storage/store-folder.ts';

describe('StoreFolder', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes a temp folder when none is given and removes it on release', () => {
    const folder = StoreFolder.open(undefined);
    made.push(folder.dir);
    expect(folder.owned).toBe(true);
    expect(path.dirname(folder.dir)).toBe(os.tmpdir());
    expect(path.basename(folder.dir)).toMatch(/^varbench-store-/);
    fs.writeFileSync(folder.databaseFile, 'x');
    folder.release();
    expect(fs.existsSync(folder.dir)).toBe(false);
    folder.release(); // idempotent
  });

  it('keeps a folder it was given, creating it if missing', () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'varbench-folder-test-'));
    made.push(parent);
    const given = path.join(parent, 'nested', 'store');
    const folder = StoreFolder.open(given);
    expect(folder.owned).toBe(false);
    expect(folder.dir).toBe(given);
    expect(fs.existsSync(given)).toBe(true);
    folder.release();
    expect(fs.existsSync(given)).toBe(true);
  });

  it('rejects an empty path', () => {
    expect(() => StoreFolder.open('')).toThrow(/options\.dir/);
  });
});
