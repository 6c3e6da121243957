import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_VALUES, openPathfinderReadOnly } from '../../../variants/balance/pathfinder-db.ts';
import { createPathfinderSchema } from '../../../variants/balance/schema.ts';
import { tempDir } from './balance-fixture.ts';

describe('reading a Pathfinder database', () => {
  const work = tempDir('pathfinder-db');
  afterAll(() => work.remove());

  /** Contract 1 with slots 1..3; rows deliberately not in block order. */
  function handmade(name: string): string {
    const file = path.join(work.dir, name);
    const db = new Database(file);
    createPathfinderSchema(db);
    db.exec("INSERT INTO contract_addresses VALUES (1, x'01'), (2, x'02')");
    db.exec("INSERT INTO storage_addresses VALUES (1, x'a1'), (2, x'a2'), (3, x'a3')");
    const insert = db.prepare('INSERT INTO storage_updates VALUES (?, ?, ?, ?)');
    insert.run(20, 1, 1, Buffer.from([7])); // the latest of slot 1, inserted first
    insert.run(10, 1, 1, Buffer.from([5]));
    insert.run(3, 1, 2, Buffer.from([9]));
    insert.run(2, 1, 2, Buffer.from([4])); // older, inserted later
    insert.run(1, 1, 3, Buffer.from([1]));
    insert.run(6, 1, 3, Buffer.alloc(0)); // set back to zero
    insert.run(30, 2, 1, Buffer.from([0xee])); // another contract, same slot
    db.close();
    return file;
  }

  it('LATEST_VALUES returns the highest block\'s value of every storage address, whatever the row order', () => {
    const db = openPathfinderReadOnly(handmade('latest.sqlite'));
    const rows = db.prepare<[number], [number, Buffer]>(LATEST_VALUES).raw(true).all(1);
    expect(rows.map(([id, value]) => [id, [...value]]).sort()).toEqual([[1, [7]], [2, [9]], [3, []]]);
    expect(db.prepare(LATEST_VALUES).raw(true).all(2)).toEqual([[1, Buffer.from([0xee])]]);
    expect(db.prepare(LATEST_VALUES).raw(true).all(3)).toEqual([]);
    db.close();
  });

  it('opens read-only: writes fail, and the file is left as it was', () => {
    const file = handmade('readonly.sqlite');
    const before = fs.readFileSync(file);
    const db = openPathfinderReadOnly(file);
    expect(() => db.exec('CREATE TABLE x (a)')).toThrow(/readonly|read-only|query_only/i);
    expect(() => db.prepare('DELETE FROM storage_updates').run()).toThrow(/readonly|read-only|query_only/i);
    db.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(work.dir).filter((name) => name.startsWith('readonly'))).toEqual(['readonly.sqlite']);
  });

  it('says which file is not a database at all, or is missing', () => {
    const notDb = path.join(work.dir, 'notes.sqlite');
    fs.writeFileSync(notDb, 'these are not the pages you are looking for'.repeat(200));
    expect(() => openPathfinderReadOnly(notDb)).toThrow(`cannot read the Pathfinder database ${notDb}: file is not a database`);
    fs.rmSync(notDb);
    expect(() => openPathfinderReadOnly(notDb)).toThrow(`cannot open the Pathfinder database ${notDb} read-only`);
  });
});
