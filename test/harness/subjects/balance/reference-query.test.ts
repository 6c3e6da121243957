import { describe, expect, it } from 'vitest';
import { measurePedersenThroughput } from '../../../../scripts/pedersen-throughput.ts';
import { runReferenceQuery } from '../../../../harness/subjects/balance/reference-query.ts';
import { tinyDataset } from '../../../variants/balance/balance-fixture.ts';

describe('reference figures', () => {
  it('the bare latest-value query returns one row per (token, storage address) and skips unknown tokens', () => {
    const dataset = tinyDataset();
    const result = runReferenceQuery(dataset.dbPath, [...dataset.tokens, dataset.tokens[0]!, 0x0777n]);
    expect(result).toMatchObject({ rows: dataset.stats.latestTokenRows, tokensFound: dataset.tokens.length });
    expect(result.queryMs).toBeGreaterThanOrEqual(0);
  });

  it('pedersen throughput measures both hashes on the same accounts (and checks they agree)', () => {
    const result = measurePedersenThroughput(3, 2);
    expect(result.hashes).toBe(6);
    expect(result.genericPerSecond).toBeGreaterThan(0);
    expect(result.fastPerSecond).toBeGreaterThan(0);
    expect(result.speedup).toBeCloseTo(result.fastPerSecond / result.genericPerSecond, 10);
  });
});
