import { describe, expect, it } from 'vitest';
import { timedOpsOf } from '../../../../harness/subjects/storage/timed-ops.ts';
import type { StorageRunResults } from '../../../../harness/subjects/storage/measure.ts';
import { makeRunResults } from '../../../support/results-fixtures.ts';

/** sampleEvery 16 (the fixtures' default): `count` gets give ceil(count / 16) timed ones. */
const gets = (count: number) => ({ throughputOpsPerSec: 1_000, opCounts: { get: count } });

describe('timedOpsOf', () => {
  const results: StorageRunResults = (() => {
    const run = makeRunResults([
      { variant: 'naive', repeat: 1, measure: gets(160) }, // 10 timed
      { variant: 'naive', repeat: 2, measure: gets(64) }, // 4 timed
      { variant: 'naive', repeat: 3, status: 'failed' },
      { variant: 'noop', repeat: 1, reference: true, measure: gets(1_600) },
      { variant: 'naive', repeat: 4, measure: gets(32) }, // 2 timed, a confirmation repeat (below)
    ]);
    return { ...run, results: run.results.map((r) => (r.repeat === 4 ? { ...r, confirmation: true } : r)) };
  })();
  const timed = timedOpsOf(results);

  it('sums the run repeats for merged percentiles, without confirmation, reference or failed jobs', () => {
    expect(timed.merged('naive', 'get')).toBe(14);
    expect(timed.merged('noop', 'get')).toBeNull();
  });

  it('takes the fewest of one timed repeat, confirmation rounds included, for per-repeat percentiles', () => {
    expect(timed.fewestPerRepeat('naive', 'get')).toBe(2);
  });

  it('says nothing of op types or variants that were not timed', () => {
    expect(timed.merged('naive', 'put')).toBeNull();
    expect(timed.fewestPerRepeat('cached', 'get')).toBeNull();
    expect(timed.scenario).toBe(results.scenario.name);
  });
});
