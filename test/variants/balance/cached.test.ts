import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cached } from '../../../variants/balance/cached.ts';
import { SLOT_CACHE_FILE } from '../../../variants/balance/slot-cache.ts';
import { tempDir, tinyDataset } from './balance-fixture.ts';

describe('cached balance pipeline', () => {
  const work = tempDir('balance-cached');
  afterAll(() => work.remove());

  it('hashes on the first run only, and writes the same outputs from its slot cache', async () => {
    const dataset = tinyDataset();
    const slotCacheDir = path.join(work.dir, 'slots');
    const base = { dbPath: dataset.dbPath, tokens: dataset.tokens, accounts: dataset.accounts, slotCacheDir };
    const cold = await cached.run({ ...base, outDir: path.join(work.dir, 'cold') });
    expect(cold.hashes).toBe(dataset.accounts.length);
    expect(cold.counters).toMatchObject({ slotCacheHits: 0, slotCacheMisses: dataset.accounts.length });
    expect(fs.existsSync(path.join(slotCacheDir, SLOT_CACHE_FILE))).toBe(true);

    const warm = await cached.run({ ...base, outDir: path.join(work.dir, 'warm') });
    expect(warm.hashes).toBe(0);
    expect(warm.counters).toMatchObject({ slotCacheHits: dataset.accounts.length, slotCacheMisses: 0, slotCacheRejected: 0 });
    expect(fs.readFileSync(warm.outputs.csv, 'utf8')).toBe(fs.readFileSync(dataset.expectedCsv, 'utf8'));
    for (const kind of ['csv', 'json', 'sqlite'] as const) {
      expect(fs.readFileSync(warm.outputs[kind]).equals(fs.readFileSync(cold.outputs[kind])), kind).toBe(true);
    }

    // One more account: one hash, the rest from the cache.
    const more = await cached.run({ ...base, accounts: [...dataset.accounts, 0x1234n], outDir: path.join(work.dir, 'more') });
    expect(more.hashes).toBe(1);
  });

  it('turns away unmapped rows in the Bloom filter, and gives the same bytes without it', async () => {
    const dataset = tinyDataset();
    const base = { dbPath: dataset.dbPath, tokens: dataset.tokens, accounts: dataset.accounts };
    const withBloom = await cached.run({ ...base, outDir: path.join(work.dir, 'bloom') });
    const counters = withBloom.counters!;
    expect(counters.bloomNegatives! + counters.bloomFalsePositives!).toBe(withBloom.unmapped);
    expect(counters.bloomNegatives).toBeGreaterThan(0);
    const without = await cached.run({ ...base, outDir: path.join(work.dir, 'no-bloom'), settings: { bloom: 0 } });
    expect(without.counters).toMatchObject({ bloomNegatives: 0, bloomFalsePositives: 0 });
    expect(without.unmapped).toBe(withBloom.unmapped);
    for (const kind of ['csv', 'json', 'sqlite'] as const) {
      expect(fs.readFileSync(without.outputs[kind]).equals(fs.readFileSync(withBloom.outputs[kind])), kind).toBe(true);
    }
    await expect(cached.run({ ...base, outDir: work.dir, settings: { bloom: 2 } })).rejects.toThrow(
      'cached balance pipeline: setting bloom (1: a Bloom filter in front of the slot lookup, 0: none) must be an integer in [0, 1], got 2',
    );
  });
});
