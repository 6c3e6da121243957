/**
 * Pathfinder's storage schema: the three tables the balance pipeline reads,
 * created exactly as Pathfinder's migrations leave them (contract and storage
 * addresses interned into id tables, storage_updates keyed by those ids;
 * pathfinder crates/storage/src/schema, the revision that added
 * contract_addresses / storage_addresses and the later one that re-created
 * storage_updates without the canonical_blocks foreign key).
 *
 * The generator creates it; a user's own database is checked against it
 * before anything runs, so a wrong file fails with what is missing and how to
 * fix it rather than with an SQL error halfway through a benchmark.
 */
import type Database from 'better-sqlite3';

type SqliteDatabase = Database.Database;

/** The index every latest-value query relies on: without it each token is a full scan of storage_updates. */
const LATEST_VALUE_INDEX =
  'CREATE INDEX storage_updates_contract_address_id_storage_address_id_block_number ' +
  'ON storage_updates (contract_address_id, storage_address_id, block_number)';
const LATEST_VALUE_INDEX_COLUMNS = ['contract_address_id', 'storage_address_id', 'block_number'] as const;

/** The DDL, in creation order; sqlite_master holds these texts verbatim. */
export const PATHFINDER_SCHEMA: readonly string[] = [
  'CREATE TABLE contract_addresses (id INTEGER PRIMARY KEY, contract_address BLOB)',
  'CREATE UNIQUE INDEX contract_addresses_contract_address ON contract_addresses (contract_address)',
  'CREATE TABLE storage_addresses (id INTEGER PRIMARY KEY, storage_address BLOB)',
  'CREATE UNIQUE INDEX storage_addresses_storage_address ON storage_addresses (storage_address)',
  'CREATE TABLE storage_updates (block_number INTEGER NOT NULL, ' +
    'contract_address_id INTEGER NOT NULL REFERENCES contract_addresses(id), ' +
    'storage_address_id INTEGER NOT NULL REFERENCES storage_addresses(id), ' +
    'storage_value BLOB NOT NULL)',
  'CREATE INDEX storage_updates_block_number ON storage_updates (block_number)',
  LATEST_VALUE_INDEX,
];

/** The tables and, separately, their indexes, so a loader can index after a bulk insert. */
export const PATHFINDER_TABLES: readonly string[] = PATHFINDER_SCHEMA.filter((sql) => sql.startsWith('CREATE TABLE'));
export const PATHFINDER_INDEXES: readonly string[] = PATHFINDER_SCHEMA.filter((sql) => !sql.startsWith('CREATE TABLE'));

/** Creates the tables and indexes in an empty database. */
export function createPathfinderSchema(db: SqliteDatabase): void {
  for (const sql of PATHFINDER_SCHEMA) db.exec(sql);
}

/** Columns the pipeline reads, with the type Pathfinder declares for each. */
const REQUIRED_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  contract_addresses: { id: 'INTEGER', contract_address: 'BLOB' },
  storage_addresses: { id: 'INTEGER', storage_address: 'BLOB' },
  storage_updates: { block_number: 'INTEGER', contract_address_id: 'INTEGER', storage_address_id: 'INTEGER', storage_value: 'BLOB' },
};

/** A database that is not (this revision of) a Pathfinder database. */
export class PathfinderSchemaError extends Error {
  readonly code = 'PATHFINDER_SCHEMA';

  constructor(
    readonly database: string,
    readonly problems: readonly string[],
  ) {
    super(
      `${database} does not have the Pathfinder schema the balance pipeline reads:\n` +
        problems.map((problem) => `  - ${problem}`).join('\n') +
        '\nPoint --db at a Pathfinder SQLite database (a release whose storage_updates refers to ' +
        'contract_addresses and storage_addresses by id), or create the expected schema with:\n' +
        PATHFINDER_SCHEMA.map((sql) => `  ${sql};`).join('\n'),
    );
    this.name = 'PathfinderSchemaError';
  }
}

interface ColumnInfo {
  readonly name: string;
  readonly type: string;
}

/**
 * Throws PathfinderSchemaError listing every missing table, missing column,
 * column of another declared type, and a missing latest-value index.
 * Reads only sqlite_master and pragmas, so it is safe on a read-only connection.
 * `database` names the file in the message (default: the connection's file).
 */
export function checkPathfinderSchema(db: SqliteDatabase, database: string = db.name): void {
  const problems: string[] = [];
  const tables = new Set(
    db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(),
  );
  for (const [table, columns] of Object.entries(REQUIRED_COLUMNS)) {
    if (!tables.has(table)) {
      problems.push(`table ${table} is missing (expected columns ${describeColumns(columns)})`);
      continue;
    }
    const found = new Map(
      (db.pragma(`table_info(${table})`) as ColumnInfo[]).map((column) => [column.name, column.type]),
    );
    for (const [column, type] of Object.entries(columns)) {
      const declared = found.get(column);
      if (declared === undefined) problems.push(`table ${table} has no column ${column} (expected ${type})`);
      else if (declared.trim().toUpperCase() !== type) {
        problems.push(`column ${table}.${column} is declared ${declared === '' ? 'without a type' : declared}, expected ${type}`);
      }
    }
  }
  if (tables.has('storage_updates') && !hasLatestValueIndex(db)) {
    problems.push(
      `storage_updates has no index on (${LATEST_VALUE_INDEX_COLUMNS.join(', ')}); ` +
        `every query would scan the whole table (create it with ${LATEST_VALUE_INDEX})`,
    );
  }
  if (problems.length > 0) throw new PathfinderSchemaError(database, problems);
}

function describeColumns(columns: Readonly<Record<string, string>>): string {
  return Object.entries(columns).map(([name, type]) => `${name} ${type}`).join(', ');
}

/** Any index whose leading columns are (contract_address_id, storage_address_id, block_number), whatever its name. */
function hasLatestValueIndex(db: SqliteDatabase): boolean {
  const indexes = db.pragma('index_list(storage_updates)') as { name: string }[];
  return indexes.some((index) => {
    const columns = (db.pragma(`index_info(${JSON.stringify(index.name)})`) as { seqno: number; name: string }[])
      .sort((a, b) => a.seqno - b.seqno)
      .map((column) => column.name);
    return LATEST_VALUE_INDEX_COLUMNS.every((name, i) => columns[i] === name);
  });
}
