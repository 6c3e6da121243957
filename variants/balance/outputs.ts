/**
 * The pipeline's three outputs, one writer each, shared by every variant so
 * that the files are byte-identical whichever variant wrote them (the
 * variants differ in how they get to a BalanceSheet and in how they schedule
 * these writes, not in the bytes).
 *
 * Formats, for a sheet of T tokens and A accounts (balance-sheet.ts: every
 * pair, zero balances included, ordered by token then account):
 * - balances.csv: the header `token,account,balance`, then T x A lines
 *   `0x<64 hex>,0x<64 hex>,<decimal>`; "\n" line ends, no quoting (no field
 *   can contain a comma).
 * - balances.json: a JSON array, one object per line,
 *   `{"token":"0x<64 hex>","account":"0x<64 hex>","balance":"<decimal>"}`,
 *   lines joined by ",\n", the array opened by "[\n" and closed by "\n]\n"
 *   ("[\n]\n" when empty). Balances are strings because a u256 does not fit
 *   a JSON number that readers parse as a double.
 * - balances.sqlite: one table, BALANCES_TABLE below, rows inserted in
 *   primary-key order in one transaction; addresses and balances as the same
 *   text as the CSV (a u256 does not fit SQLite's 64-bit INTEGER).
 *
 * Each file is written under a temporary name and renamed into place, so a
 * reader never sees a half-written output and a rerun replaces the old one.
 * The SQLite file is built with the journal off and no fsync: it is a fresh
 * file that the rename publishes only once complete, and the same settings
 * for every variant keep its bytes identical (SQLite's header counts
 * transactions, so the writes must be the same, not only the rows).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BalanceSheet } from './balance-sheet.ts';
import { feltToHex, parseFelt } from './felt.ts';

export const OUTPUT_FILES = { csv: 'balances.csv', json: 'balances.json', sqlite: 'balances.sqlite' } as const;

export type OutputKind = keyof typeof OUTPUT_FILES;

export type OutputPaths = { readonly [K in OutputKind]: string };

export const CSV_HEADER = 'token,account,balance\n';

export const BALANCES_TABLE =
  'CREATE TABLE balances (token TEXT NOT NULL, account TEXT NOT NULL, balance TEXT NOT NULL, ' +
  'PRIMARY KEY (token, account)) WITHOUT ROWID';

/** Where the outputs go in `outDir`. */
export function outputPaths(outDir: string): OutputPaths {
  return {
    csv: path.join(outDir, OUTPUT_FILES.csv),
    json: path.join(outDir, OUTPUT_FILES.json),
    sqlite: path.join(outDir, OUTPUT_FILES.sqlite),
  };
}

/** Writes the sheet in the `kind` format to `file`. */
export function writeOutput(kind: OutputKind, sheet: BalanceSheet, file: string): void {
  if (kind === 'csv') writeCsv(sheet, file);
  else if (kind === 'json') writeJson(sheet, file);
  else writeSqlite(sheet, file);
}

/** Writes the three outputs one after the other and returns how long that took (the pipelines' write stage). */
export function writeAllOutputs(sheet: BalanceSheet, outputs: OutputPaths): number {
  const started = performance.now();
  writeCsv(sheet, outputs.csv);
  writeJson(sheet, outputs.json);
  writeSqlite(sheet, outputs.sqlite);
  return performance.now() - started;
}

/** Text is flushed to the file in pieces of about this many characters, so memory stays flat for any sheet. */
const CHUNK_CHARS = 1 << 20;

export function writeCsv(sheet: BalanceSheet, file: string): void {
  writeTextAtomically(file, (write) => {
    write(CSV_HEADER);
    forEachRow(sheet, (token, account, balance) => write(`${token},${account},${balance}\n`));
  });
}

export function writeJson(sheet: BalanceSheet, file: string): void {
  writeTextAtomically(file, (write) => {
    write('[\n');
    let first = true;
    forEachRow(sheet, (token, account, balance) => {
      write(`${first ? '' : ',\n'}{"token":"${token}","account":"${account}","balance":"${balance}"}`);
      first = false;
    });
    write(first ? ']\n' : '\n]\n');
  });
}

export function writeSqlite(sheet: BalanceSheet, file: string): void {
  const partial = partialName(file);
  fs.rmSync(partial, { force: true });
  const db = new Database(partial);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(BALANCES_TABLE);
    const insert = db.prepare<[string, string, string]>('INSERT INTO balances (token, account, balance) VALUES (?, ?, ?)');
    db.transaction(() => forEachRow(sheet, (token, account, balance) => insert.run(token, account, balance)))();
  } catch (error) {
    db.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  db.close();
  fs.renameSync(partial, file);
}

/**
 * Reads a balances.csv back into a sheet (the dataset cache keeps its
 * expected balances in this format). Throws on anything writeCsv would not
 * have written: another header, a malformed line, or rows that are not a
 * full token x account grid in output order.
 */
export function readCsv(file: string): BalanceSheet {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (`${lines[0]}\n` !== CSV_HEADER) throw new Error(`${file}: expected the header ${JSON.stringify(CSV_HEADER.trim())}`);
  if (lines.at(-1) !== '') throw new Error(`${file}: the last line must end with a newline`);
  const tokens: bigint[] = [];
  const accounts: bigint[] = [];
  const balances: bigint[] = [];
  for (let i = 1; i < lines.length - 1; i++) {
    const where = `${file} line ${i + 1}`;
    const fields = lines[i]!.split(',');
    if (fields.length !== 3 || !/^(0|[1-9][0-9]*)$/.test(fields[2]!)) throw new Error(`${where}: expected token,account,balance`);
    const token = parseFelt(fields[0]!, `${where} token`);
    const account = parseFelt(fields[1]!, `${where} account`);
    if (tokens.at(-1) !== token) tokens.push(token);
    if (tokens.length === 1) accounts.push(account);
    const expectedAccount = accounts[(balances.length) % accounts.length];
    if (account !== expectedAccount) throw new Error(`${where}: rows are not a token x account grid in output order`);
    balances.push(BigInt(fields[2]!));
  }
  if (balances.length !== tokens.length * accounts.length) throw new Error(`${file}: rows are not a full token x account grid`);
  return { tokens, accounts, balances };
}

/** Calls `row` for every (token, account, balance) as output text, in output order. */
function forEachRow(sheet: BalanceSheet, row: (token: string, account: string, balance: string) => void): void {
  const { tokens, accounts, balances } = sheet;
  if (balances.length !== tokens.length * accounts.length) {
    throw new RangeError(`balance sheet: ${balances.length} balances for ${tokens.length} tokens x ${accounts.length} accounts`);
  }
  const accountHex = accounts.map(feltToHex);
  let cell = 0;
  for (const token of tokens) {
    const tokenHex = feltToHex(token);
    for (const account of accountHex) row(tokenHex, account, balances[cell++]!.toString());
  }
}

function partialName(file: string): string {
  return `${file}.partial-${process.pid}`;
}

function writeTextAtomically(file: string, produce: (write: (text: string) => void) => void): void {
  const partial = partialName(file);
  const fd = fs.openSync(partial, 'w');
  try {
    let pending = '';
    produce((text) => {
      pending += text;
      if (pending.length >= CHUNK_CHARS) {
        writeAll(fd, pending);
        pending = '';
      }
    });
    writeAll(fd, pending);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(partial, file);
}

/** fs.writeSync may write fewer bytes than asked; loop until all are out. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset);
}
