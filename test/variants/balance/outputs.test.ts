import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BalanceSheet } from '../../../variants/balance/balance-sheet.ts';
import { BALANCES_TABLE, outputPaths, readCsv, writeCsv, writeJson, writeSqlite } from '../../../variants/balance/outputs.ts';
import { tempDir } from './balance-fixture.ts';

const hex = (n: bigint): string => `0x${n.toString(16).padStart(64, '0')}`;

const SHEET: BalanceSheet = {
  tokens: [0x10n, 0x20n],
  accounts: [0x1n, 0x2n],
  balances: [5n, 0n, 2n ** 200n + 7n, 1n],
};

describe('balance outputs', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((step) => step()));

  function outDir(): string {
    const temp = tempDir('balance-outputs');
    cleanup.push(temp.remove);
    return temp.dir;
  }

  it('writes the CSV: header, token-major rows, fixed-width hex, decimal balances, zeros included', () => {
    const file = path.join(outDir(), 'balances.csv');
    writeCsv(SHEET, file);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      'token,account,balance\n' +
        `${hex(0x10n)},${hex(1n)},5\n` +
        `${hex(0x10n)},${hex(2n)},0\n` +
        `${hex(0x20n)},${hex(1n)},${(2n ** 200n + 7n).toString()}\n` +
        `${hex(0x20n)},${hex(2n)},1\n`,
    );
    expect(readCsv(file)).toEqual(SHEET);
  });

  it('writes the JSON: one object per line, balances as strings', () => {
    const file = path.join(outDir(), 'balances.json');
    writeJson(SHEET, file);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n')).toEqual([
      '[',
      `{"token":"${hex(0x10n)}","account":"${hex(1n)}","balance":"5"},`,
      `{"token":"${hex(0x10n)}","account":"${hex(2n)}","balance":"0"},`,
      `{"token":"${hex(0x20n)}","account":"${hex(1n)}","balance":"${(2n ** 200n + 7n).toString()}"},`,
      `{"token":"${hex(0x20n)}","account":"${hex(2n)}","balance":"1"}`,
      ']',
      '',
    ]);
    expect((JSON.parse(text) as unknown[]).length).toBe(4);
    const empty = path.join(outDir(), 'empty.json');
    writeJson({ tokens: [], accounts: [], balances: [] }, empty);
    expect(fs.readFileSync(empty, 'utf8')).toBe('[\n]\n');
  });

  it('writes the SQLite table with its fixed schema, and the same bytes every time', () => {
    const dir = outDir();
    const first = path.join(dir, 'a.sqlite');
    const second = path.join(dir, 'b.sqlite');
    writeSqlite(SHEET, first);
    writeSqlite(SHEET, second);
    expect(fs.readFileSync(first).equals(fs.readFileSync(second))).toBe(true);
    const db = new Database(first, { readonly: true });
    expect(db.prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual([BALANCES_TABLE]);
    expect(db.prepare('SELECT token, account, balance FROM balances').all()).toEqual([
      { token: hex(0x10n), account: hex(1n), balance: '5' },
      { token: hex(0x10n), account: hex(2n), balance: '0' },
      { token: hex(0x20n), account: hex(1n), balance: (2n ** 200n + 7n).toString() },
      { token: hex(0x20n), account: hex(2n), balance: '1' },
    ]);
    db.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['a.sqlite', 'b.sqlite']); // no journal or partial file left
  });

  it('replaces an existing output whole', () => {
    const { csv } = outputPaths(outDir());
    fs.writeFileSync(csv, 'stale and much longer than the new content '.repeat(100));
    writeCsv({ tokens: [1n], accounts: [2n], balances: [3n] }, csv);
    expect(readCsv(csv)).toEqual({ tokens: [1n], accounts: [2n], balances: [3n] });
  });

  it('refuses a sheet whose balances do not fill the grid, and a CSV that is not one', () => {
    const dir = outDir();
    expect(() => writeCsv({ tokens: [1n], accounts: [1n, 2n], balances: [1n] }, path.join(dir, 'x.csv'))).toThrow(/1 balances for 1 tokens x 2 accounts/);
    expect(fs.readdirSync(dir)).toEqual([]);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, `token,account,balance\n${hex(1n)},${hex(1n)},1\n${hex(2n)},${hex(2n)},1\n`);
    expect(() => readCsv(bad)).toThrow(/not a token x account grid/);
  });
});
