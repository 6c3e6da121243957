import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readAddressList } from '../../../../../variants/balance/address-list.ts';
import { balanceDataset } from '../../../../../harness/subjects/balance/dataset/dataset.ts';
import { ETH_TOKEN, STRK_TOKEN } from '../../../../../harness/subjects/balance/dataset/generator.ts';
import { datasetKey, type BalanceDatasetSpec } from '../../../../../harness/subjects/balance/dataset/spec.ts';
import { feltToBytes } from '../../../../../variants/balance/felt.ts';
import { readCsv } from '../../../../../variants/balance/outputs.ts';
import { balanceSlot } from '../../../../../variants/balance/slots.ts';
import { TINY_SPEC, tempDir, tinyDataset } from '../../../../variants/balance/balance-fixture.ts';

const SMALL: BalanceDatasetSpec = { ...TINY_SPEC, seed: 99, accounts: 4, otherHolders: 6, blocks: 20 };

describe('balance dataset', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((step) => step()));

  function freshCache(): string {
    const temp = tempDir('balance-cache');
    cleanup.push(temp.remove);
    return temp.dir;
  }

  it('is deterministic: the same spec gives the same bytes in two caches', () => {
    const a = balanceDataset(SMALL, { cacheDir: freshCache() });
    const b = balanceDataset(SMALL, { cacheDir: freshCache() });
    for (const file of ['pathfinder.sqlite', 'accounts.txt', 'tokens.txt', 'slots.txt', 'expected.csv']) {
      expect(fs.readFileSync(path.join(a.dir, file)).equals(fs.readFileSync(path.join(b.dir, file))), file).toBe(true);
    }
    const other = balanceDataset({ ...SMALL, seed: 100 }, { cacheDir: freshCache() });
    expect(other.accounts).not.toEqual(a.accounts);
  });

  it('is read from the cache the second time, and shares slot maps between specs with the same accounts', () => {
    const cacheDir = freshCache();
    const first = balanceDataset(SMALL, { cacheDir });
    expect(first).toMatchObject({ fromCache: false, slotsFromCache: false });
    const second = balanceDataset({ ...SMALL }, { cacheDir });
    expect(second).toMatchObject({ fromCache: true, slotsFromCache: true, dbPath: first.dbPath });
    expect(second.expected).toEqual(first.expected);
    expect(second.slots).toEqual(first.slots);
    const longer = balanceDataset({ ...SMALL, blocks: 25 }, { cacheDir });
    expect(longer).toMatchObject({ fromCache: false, slotsFromCache: true });
    expect(longer.accounts).toEqual(first.accounts);
    expect(fs.readdirSync(cacheDir).sort()).toEqual([datasetKey(SMALL), datasetKey({ ...SMALL, blocks: 25 }), 'slot-maps'].sort());
  });

  it('lists ETH and STRK first, the accounts file in the --accounts format, and their true balance slots', () => {
    const dataset = tinyDataset();
    expect(dataset.tokens.slice(0, 2)).toEqual([ETH_TOKEN, STRK_TOKEN]);
    expect(dataset.tokens).toHaveLength(TINY_SPEC.tokens);
    expect(readAddressList(dataset.accountsFile, 'account')).toEqual(dataset.accounts);
    expect(dataset.accounts).toHaveLength(TINY_SPEC.accounts);
    // Generic pedersen on two accounts (the generator used the fast one on all).
    for (const i of [0, 5]) expect(dataset.slots[i]).toBe(balanceSlot(dataset.accounts[i]!).low);
    expect(readCsv(dataset.expectedCsv)).toEqual(dataset.expected);
  });

  it('expects a balance for every token x account, some zero, some above 2^128', () => {
    const { expected } = tinyDataset();
    expect(expected.balances).toHaveLength(TINY_SPEC.tokens * TINY_SPEC.accounts);
    expect(expected.balances.some((balance) => balance === 0n)).toBe(true);
    expect(expected.balances.some((balance) => balance >= 2n ** 128n)).toBe(true);
    expect(expected.balances.some((balance) => balance > 0n && balance < 2n ** 128n)).toBe(true);
  });

  it('writes storage values stripped of leading zeros, of every length from empty to 32 bytes', () => {
    const db = new Database(tinyDataset().dbPath, { readonly: true });
    const lengths = new Set(db.prepare<[], number>('SELECT DISTINCT length(storage_value) FROM storage_updates').pluck().all());
    expect(lengths.has(0)).toBe(true);
    expect(lengths.has(32)).toBe(true);
    expect(Math.max(...lengths)).toBe(32);
    const leadingZero = db.prepare('SELECT count(*) FROM storage_updates WHERE length(storage_value) > 0 AND substr(storage_value, 1, 1) = x\'00\'').pluck().get();
    expect(leadingZero).toBe(0);
    db.close();
  });

  it('holds what its stats say: one row per slot per block, balance and non-balance rows, 32-byte addresses', () => {
    const { dbPath, stats, tokens, slots } = tinyDataset();
    const db = new Database(dbPath, { readonly: true });
    const count = (sql: string, ...params: unknown[]): number => db.prepare(sql).pluck().get(...params) as number;
    expect(count('SELECT count(*) FROM storage_updates')).toBe(stats.storageUpdates);
    expect(count('SELECT count(*) FROM storage_addresses')).toBe(stats.storageAddresses);
    expect(count('SELECT count(*) FROM contract_addresses')).toBe(stats.contracts);
    expect(count('SELECT count(*) FROM (SELECT DISTINCT block_number, contract_address_id, storage_address_id FROM storage_updates)')).toBe(stats.storageUpdates);
    expect(count(`SELECT count(*) FROM (SELECT DISTINCT contract_address_id, storage_address_id FROM storage_updates WHERE contract_address_id <= ${tokens.length})`)).toBe(stats.latestTokenRows);
    expect(stats.mappedTokenRows).toBeGreaterThan(0);
    expect(stats.latestTokenRows).toBeGreaterThan(stats.mappedTokenRows); // other holders, supply, metadata, noise
    expect(count(`SELECT count(*) FROM storage_updates WHERE contract_address_id > ${tokens.length}`)).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM storage_addresses WHERE length(storage_address) <> 32')).toBe(0);
    expect(count('SELECT count(*) FROM contract_addresses WHERE length(contract_address) <> 32')).toBe(0);
    expect(count('SELECT id FROM contract_addresses WHERE contract_address = ?', feltToBytes(ETH_TOKEN))).toBe(1);
    expect(count('SELECT count(*) FROM storage_addresses WHERE storage_address = ?', feltToBytes(slots[0]!))).toBe(1);
    db.close();
  });

  it('rejects a bad spec before generating anything', () => {
    const cacheDir = freshCache();
    expect(() => balanceDataset({ ...SMALL, accounts: 0 }, { cacheDir })).toThrow('balance dataset: accounts must be an integer >= 1, got 0');
    expect(() => balanceDataset({ ...SMALL, blocks: 1.5 }, { cacheDir })).toThrow(/blocks must be an integer/);
    expect(() => balanceDataset({ ...SMALL, otherContracts: 0 }, { cacheDir })).toThrow(/otherContracts must be >= 1 when noisePerBlock > 0/);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });
});
