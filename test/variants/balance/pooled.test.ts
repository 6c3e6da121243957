import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pooled } from '../../../variants/balance/pooled.ts';
import { tempDir, tinyDataset } from './balance-fixture.ts';

describe('pooled balance pipeline', () => {
  const work = tempDir('balance-pooled');
  afterAll(() => work.remove());

  it('writes the same bytes with one worker or three (more workers than tokens of some shares)', async () => {
    const dataset = tinyDataset();
    const base = { dbPath: dataset.dbPath, tokens: dataset.tokens, accounts: dataset.accounts };
    const one = await pooled.run({ ...base, outDir: path.join(work.dir, 'one'), settings: { workers: 1 } });
    const three = await pooled.run({ ...base, outDir: path.join(work.dir, 'three'), settings: { workers: 3 } });
    expect(one.counters).toEqual({ workers: 1 });
    expect(three.counters).toEqual({ workers: 3 });
    expect(fs.readFileSync(one.outputs.csv, 'utf8')).toBe(fs.readFileSync(dataset.expectedCsv, 'utf8'));
    for (const kind of ['csv', 'json', 'sqlite'] as const) {
      expect(fs.readFileSync(three.outputs[kind]).equals(fs.readFileSync(one.outputs[kind])), kind).toBe(true);
    }
    expect(three).toMatchObject({ rowsScanned: one.rowsScanned, unmapped: one.unmapped, hashes: one.hashes });
  });

  it('starts no more workers than there is work for', async () => {
    const dataset = tinyDataset();
    const result = await pooled.run({
      dbPath: dataset.dbPath, tokens: [dataset.tokens[0]!], accounts: [dataset.accounts[0]!],
      outDir: path.join(work.dir, 'single'), settings: { workers: 4 },
    });
    expect(result.counters).toEqual({ workers: 1 });
    expect(result.rows).toBe(1);
  });
});
