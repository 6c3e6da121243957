/**
 * The balance contract (variants/balance/pipeline.ts), checked identically
 * on every variant against the tiny shared dataset: outputs equal to the
 * generator's expected balances and byte-identical across variants, counts
 * that match the dataset, and an input database left untouched.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BalanceDataset } from '../../../harness/subjects/balance/dataset/dataset.ts';
import { balanceVariants } from '../../../variants/balance/index.ts';
import { OUTPUT_FILES } from '../../../variants/balance/outputs.ts';
import type { BalancePipeline, PipelineInput, PipelineResult } from '../../../variants/balance/pipeline.ts';
import { feltToBytes, feltToStrippedBytes } from '../../../variants/balance/felt.ts';
import { PATHFINDER_SCHEMA, PathfinderSchemaError, createPathfinderSchema } from '../../../variants/balance/schema.ts';
import { balanceSlot } from '../../../variants/balance/slots.ts';
import { TINY_SPEC, tempDir, tinyDataset } from './balance-fixture.ts';

const variants = Object.values(balanceVariants) as BalancePipeline[];

interface Snapshot {
  readonly sha256: string;
  readonly mtimeMs: number;
  readonly files: string[];
}

function snapshot(dataset: BalanceDataset): Snapshot {
  return {
    sha256: createHash('sha256').update(fs.readFileSync(dataset.dbPath)).digest('hex'),
    mtimeMs: fs.statSync(dataset.dbPath).mtimeMs,
    files: fs.readdirSync(dataset.dir).sort(),
  };
}

describe('balance pipelines', () => {
  let dataset: BalanceDataset;
  let before: Snapshot;
  const work = tempDir('balance-pipelines');
  const results = new Map<string, PipelineResult>();

  function input(variant: string, extra: Partial<PipelineInput> = {}): PipelineInput {
    return {
      dbPath: dataset.dbPath,
      tokens: dataset.tokens,
      accounts: dataset.accounts,
      outDir: path.join(work.dir, variant),
      slotCacheDir: path.join(work.dir, 'slot-cache'),
      ...extra,
    };
  }

  beforeAll(async () => {
    dataset = tinyDataset();
    before = snapshot(dataset);
    for (const variant of variants) results.set(variant.name, await variant.run(input(variant.name)));
  });

  afterAll(() => work.remove());

  it('has the four variants under their own names', () => {
    expect(Object.keys(balanceVariants)).toEqual(['naive', 'batched', 'pooled', 'cached']);
    for (const [name, variant] of Object.entries(balanceVariants)) {
      expect(variant.name).toBe(name);
      expect(variant.description.length).toBeGreaterThan(20);
    }
  });

  it.each(variants.map((variant) => variant.name))('%s writes the generator\'s expected balances', (name) => {
    const result = results.get(name)!;
    expect(result.outputs).toEqual({
      csv: path.join(work.dir, name, OUTPUT_FILES.csv),
      json: path.join(work.dir, name, OUTPUT_FILES.json),
      sqlite: path.join(work.dir, name, OUTPUT_FILES.sqlite),
    });
    expect(fs.readFileSync(result.outputs.csv, 'utf8')).toBe(fs.readFileSync(dataset.expectedCsv, 'utf8'));
  });

  it.each(Object.keys(OUTPUT_FILES) as (keyof typeof OUTPUT_FILES)[])('every variant writes the same %s bytes', (kind) => {
    const [first, ...others] = variants.map((variant) => fs.readFileSync(results.get(variant.name)!.outputs[kind]));
    for (const [i, bytes] of others.entries()) expect(bytes.equals(first!), `${variants[i + 1]!.name} vs naive`).toBe(true);
  });

  it('writes JSON and SQLite that hold the expected balances', () => {
    const { outputs } = results.get('naive')!;
    const json = JSON.parse(fs.readFileSync(outputs.json, 'utf8')) as { balance: string }[];
    expect(json.map((row) => BigInt(row.balance))).toEqual(dataset.expected.balances);
    const db = new Database(outputs.sqlite, { readonly: true });
    const balances = db.prepare<[], string>('SELECT balance FROM balances ORDER BY token, account').pluck().all();
    expect(balances.map(BigInt)).toEqual(dataset.expected.balances);
    db.close();
  });

  it.each(variants.map((variant) => variant.name))('%s counts rows, scanned rows, unmapped rows and hashes', (name) => {
    const result = results.get(name)!;
    const { latestTokenRows, mappedTokenRows } = dataset.stats;
    expect(result).toMatchObject({
      rows: TINY_SPEC.tokens * TINY_SPEC.accounts,
      rowsScanned: latestTokenRows,
      unmapped: latestTokenRows - mappedTokenRows,
      hashes: TINY_SPEC.accounts, // cached included: its slot cache starts empty
    });
    for (const [stage, ms] of Object.entries(result.stages)) {
      expect(Number.isFinite(ms) && ms >= 0, `${stage} = ${ms}`).toBe(true);
    }
  });

  it('never writes the input database', () => {
    expect(snapshot(dataset)).toEqual(before);
  });

  it.each(variants.map((variant) => variant.name))('%s ignores duplicates and input order, and reads zero for absent tokens and accounts', async (name) => {
    const variant = balanceVariants[name as keyof typeof balanceVariants];
    const strangerToken = 0x0777n;
    const strangerAccount = 0x0abcn;
    const result = await variant.run(input(`${name}-shuffled`, {
      tokens: [...dataset.tokens].reverse().concat(dataset.tokens[0]!, strangerToken),
      accounts: [strangerAccount, ...dataset.accounts, ...dataset.accounts.slice(0, 3)].reverse(),
    }));
    const lines = fs.readFileSync(result.outputs.csv, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + (TINY_SPEC.tokens + 1) * (TINY_SPEC.accounts + 1));
    const hex = (n: bigint): string => `0x${n.toString(16).padStart(64, '0')}`;
    const expected = new Set(fs.readFileSync(dataset.expectedCsv, 'utf8').trimEnd().split('\n'));
    for (const line of lines) {
      if (line.includes(hex(strangerToken)) || line.includes(hex(strangerAccount))) expect(line.endsWith(',0'), line).toBe(true);
      else expect(expected.has(line), line).toBe(true);
    }
    expect([...lines.slice(1)].sort()).toEqual(lines.slice(1)); // ordered by token, then account
    expect(result.rowsScanned).toBe(dataset.stats.latestTokenRows);
  });

  it.each(variants.map((variant) => variant.name))('%s takes the highest block\'s word whatever the row order, low and high apart', async (name) => {
    const token = 0x0123n;
    const [alice, bob] = [0x0a11cen, 0x0b0bn];
    const file = path.join(work.dir, `${name}-handmade.sqlite`);
    const db = new Database(file);
    createPathfinderSchema(db);
    db.prepare('INSERT INTO contract_addresses VALUES (1, ?)').run(feltToBytes(token));
    const slots = [balanceSlot(alice), balanceSlot(bob)];
    const addresses = [slots[0]!.low, slots[0]!.high, slots[1]!.low, 0x0999n];
    addresses.forEach((address, i) => db.prepare('INSERT INTO storage_addresses VALUES (?, ?)').run(i + 1, feltToBytes(address)));
    const update = db.prepare('INSERT INTO storage_updates VALUES (?, 1, ?, ?)');
    update.run(20, 1, feltToStrippedBytes(7n)); // alice low: latest, inserted first
    update.run(10, 1, feltToStrippedBytes(5n));
    update.run(15, 2, feltToStrippedBytes(3n)); // alice high
    update.run(3, 3, feltToStrippedBytes(2n ** 127n)); // bob low, a full 16-byte word
    update.run(2, 3, feltToStrippedBytes(4n)); // older, inserted later
    update.run(4, 4, feltToStrippedBytes(1n)); // nobody's balance
    db.close();
    const variant = balanceVariants[name as keyof typeof balanceVariants];
    const result = await variant.run(input(`${name}-handmade`, { dbPath: file, tokens: [token], accounts: [bob, alice] }));
    const hex = (n: bigint): string => `0x${n.toString(16).padStart(64, '0')}`;
    expect(fs.readFileSync(result.outputs.csv, 'utf8')).toBe(
      // bob (0x0b0b) sorts before alice (0x0a11ce)
      `token,account,balance\n${hex(token)},${hex(bob)},${2n ** 127n}\n${hex(token)},${hex(alice)},${3n * 2n ** 128n + 7n}\n`,
    );
    expect(result).toMatchObject({ rows: 2, rowsScanned: 4, unmapped: 1 });
  });

  it.each(variants.map((variant) => variant.name))('%s rejects a database without the Pathfinder schema, naming what is missing', async (name) => {
    const variant = balanceVariants[name as keyof typeof balanceVariants];
    const file = path.join(work.dir, `${name}-wrong.sqlite`);
    const db = new Database(file);
    for (const sql of PATHFINDER_SCHEMA) db.exec(sql.replace('storage_value BLOB', 'storage_value TEXT'));
    db.close();
    const failure = variant.run(input(`${name}-wrong`, { dbPath: file }));
    await expect(failure).rejects.toBeInstanceOf(PathfinderSchemaError);
    await expect(variant.run(input(`${name}-wrong`, { dbPath: file }))).rejects.toThrow(/storage_updates\.storage_value is declared TEXT, expected BLOB/);
  });

  it.each(variants.map((variant) => variant.name))('%s rejects bad input before doing any work', async (name) => {
    const variant = balanceVariants[name as keyof typeof balanceVariants];
    await expect(variant.run(input(name, { tokens: [] }))).rejects.toThrow(`${name} balance pipeline: tokens must list at least one token address`);
    await expect(variant.run(input(name, { dbPath: path.join(work.dir, 'missing.sqlite') }))).rejects.toThrow(/does not exist/);
    await expect(variant.run(input(name, { accounts: [-1n] }))).rejects.toThrow(/not a Starknet field element/);
    await expect(variant.run(input(name, { settings: { nope: 1 } }))).rejects.toThrow(`${name} balance pipeline: unknown setting "nope"`);
  });
});
