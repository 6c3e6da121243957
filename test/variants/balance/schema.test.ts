import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  PATHFINDER_SCHEMA, PathfinderSchemaError, checkPathfinderSchema, createPathfinderSchema,
} from '../../../variants/balance/schema.ts';
import { tinyDataset } from './balance-fixture.ts';

function withSchema(statements: readonly string[]): Database.Database {
  const db = new Database(':memory:');
  for (const sql of statements) db.exec(sql);
  return db;
}

function schemaProblems(db: Database.Database): string[] {
  try {
    checkPathfinderSchema(db, 'test.sqlite');
  } catch (error) {
    expect(error).toBeInstanceOf(PathfinderSchemaError);
    expect((error as PathfinderSchemaError).code).toBe('PATHFINDER_SCHEMA');
    return [...(error as PathfinderSchemaError).problems];
  }
  return [];
}

const replaced = (from: string, to: string): string[] => PATHFINDER_SCHEMA.map((sql) => sql.replace(from, to));

describe('Pathfinder schema', () => {
  it('is created exactly as Pathfinder declares it', () => {
    const db = new Database(':memory:');
    createPathfinderSchema(db);
    const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").all();
    expect(rows).toEqual([
      { type: 'table', name: 'contract_addresses', tbl_name: 'contract_addresses', sql: 'CREATE TABLE contract_addresses (id INTEGER PRIMARY KEY, contract_address BLOB)' },
      { type: 'index', name: 'contract_addresses_contract_address', tbl_name: 'contract_addresses', sql: 'CREATE UNIQUE INDEX contract_addresses_contract_address ON contract_addresses (contract_address)' },
      { type: 'table', name: 'storage_addresses', tbl_name: 'storage_addresses', sql: 'CREATE TABLE storage_addresses (id INTEGER PRIMARY KEY, storage_address BLOB)' },
      { type: 'index', name: 'storage_addresses_storage_address', tbl_name: 'storage_addresses', sql: 'CREATE UNIQUE INDEX storage_addresses_storage_address ON storage_addresses (storage_address)' },
      {
        type: 'table', name: 'storage_updates', tbl_name: 'storage_updates',
        sql: 'CREATE TABLE storage_updates (block_number INTEGER NOT NULL, contract_address_id INTEGER NOT NULL REFERENCES contract_addresses(id), storage_address_id INTEGER NOT NULL REFERENCES storage_addresses(id), storage_value BLOB NOT NULL)',
      },
      { type: 'index', name: 'storage_updates_block_number', tbl_name: 'storage_updates', sql: 'CREATE INDEX storage_updates_block_number ON storage_updates (block_number)' },
      {
        type: 'index', name: 'storage_updates_contract_address_id_storage_address_id_block_number', tbl_name: 'storage_updates',
        sql: 'CREATE INDEX storage_updates_contract_address_id_storage_address_id_block_number ON storage_updates (contract_address_id, storage_address_id, block_number)',
      },
    ]);
    db.close();
  });

  it('is what the dataset generator writes (tables indexed after the bulk insert, same text)', () => {
    const db = new Database(tinyDataset().dbPath, { readonly: true });
    const sql = db.prepare<[], string>('SELECT sql FROM sqlite_master WHERE sql IS NOT NULL').pluck().all();
    expect([...sql].sort()).toEqual([...PATHFINDER_SCHEMA].sort());
    expect(() => checkPathfinderSchema(db, 'dataset')).not.toThrow();
    db.close();
  });

  it('accepts the schema it creates, with any case of declared type', () => {
    expect(schemaProblems(withSchema(PATHFINDER_SCHEMA))).toEqual([]);
    expect(schemaProblems(withSchema(replaced('storage_value BLOB', 'storage_value blob')))).toEqual([]);
  });

  it('names a missing table with the columns it should have, and every other problem in the same error', () => {
    const db = withSchema(PATHFINDER_SCHEMA.filter((sql) => !/(TABLE|ON) storage_addresses /.test(sql)));
    expect(schemaProblems(db)).toEqual(['table storage_addresses is missing (expected columns id INTEGER, storage_address BLOB)']);
    const empty = new Database(':memory:');
    expect(schemaProblems(empty)).toHaveLength(3);
  });

  it('names a column of the wrong declared type, and a missing or untyped one', () => {
    expect(schemaProblems(withSchema(replaced('storage_value BLOB', 'storage_value TEXT')))).toEqual([
      'column storage_updates.storage_value is declared TEXT, expected BLOB',
    ]);
    expect(schemaProblems(withSchema(replaced('contract_address BLOB)', 'contract_address)')))).toEqual([
      'column contract_addresses.contract_address is declared without a type, expected BLOB',
    ]);
    expect(schemaProblems(withSchema(replaced('storage_address_id INTEGER NOT NULL', 'storage_idx INTEGER NOT NULL')
      .filter((sql) => !sql.includes('INDEX storage_updates_contract'))))).toEqual([
      'table storage_updates has no column storage_address_id (expected INTEGER)',
      expect.stringContaining('storage_updates has no index on (contract_address_id, storage_address_id, block_number)'),
    ]);
  });

  it('wants the latest-value index, whatever its name', () => {
    const without = PATHFINDER_SCHEMA.filter((sql) => !sql.includes('INDEX storage_updates_contract'));
    expect(schemaProblems(withSchema(without))).toEqual([expect.stringMatching(/no index on .*\(create it with CREATE INDEX/)]);
    const renamed = [...without, 'CREATE INDEX my_index ON storage_updates (contract_address_id, storage_address_id, block_number, storage_value)'];
    expect(schemaProblems(withSchema(renamed))).toEqual([]);
  });

  it('says what the file is and how to fix it', () => {
    const db = withSchema(replaced('storage_value BLOB', 'storage_value TEXT'));
    expect(() => checkPathfinderSchema(db, '/data/mainnet.sqlite')).toThrow(
      /\/data\/mainnet\.sqlite does not have the Pathfinder schema[\s\S]*declared TEXT, expected BLOB[\s\S]*Point --db at a Pathfinder SQLite database[\s\S]*CREATE TABLE storage_updates/,
    );
  });
});
