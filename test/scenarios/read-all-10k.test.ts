/**
 * read-all-10k serves "reading all of 10k items < 10 ms": that holds only if
 * every scan op really returns all 10,000 records. Checked end to end, as the
 * storage job runs it: the scenario's trace options, the driver, each real
 * variant on the loaded dataset.
 */
import { describe, expect, it } from 'vitest';
import { monotonicClock } from '../../harness/instruments/clock.ts';
import { drive } from '../../harness/subjects/storage/driver.ts';
import { quickened } from '../../harness/plan/plan.ts';
import { DEFAULT_SCAN_LENGTH, type StorageScenario } from '../../harness/subjects/storage/scenario.ts';
import { loadDataset } from '../../harness/subjects/storage/workload/dataset.ts';
import { keyOf } from '../../harness/subjects/storage/workload/keys.ts';
import { settle } from '../../harness/subjects/storage/workload/settle.ts';
import { buildTrace, OP_CODES, scenarioTraceOptions } from '../../harness/subjects/storage/workload/trace.ts';
import { recordValue } from '../../harness/subjects/storage/workload/values.ts';
import readAll from '../../scenarios/read-all-10k.ts';
import { storageVariants } from '../../variants/storage/index.ts';
import type { Entry, Store } from '../../variants/storage/store.ts';

/** Runs the first `operations` ops of the scenario's measured trace and returns what each scan returned. */
async function scansOf(store: Store, scenario: StorageScenario, operations: number): Promise<Entry[][]> {
  const { dataset, workload } = scenario;
  await loadDataset(store, dataset);
  const scans: Entry[][] = [];
  const recording: Store = {
    ...store,
    get: (key) => store.get(key),
    put: (key, value) => store.put(key, value),
    delete: (key) => store.delete(key),
    batch: (ops) => store.batch(ops),
    flush: () => store.flush(),
    close: () => store.close(),
    scan: async (options) => {
      const entries = await settle(store.scan(options));
      scans.push(entries);
      return entries;
    },
  };
  const trace = buildTrace({ ...scenarioTraceOptions(scenario), operations, seed: dataset.seed });
  expect(Array.from(trace.ops)).toEqual(Array.from({ length: operations }, () => OP_CODES.scan));
  const keys = Array.from({ length: dataset.records }, (_, i) => keyOf(i));
  await drive({
    store: recording, trace, keys, operations, maxDurationNs: null, concurrency: workload.concurrency,
    scanLength: workload.scanLength ?? DEFAULT_SCAN_LENGTH, sampleEvery: 0, tickIntervalNs: 1e9, clock: monotonicClock,
  });
  return scans;
}

function expectWholeDataset(scans: Entry[][], scenario: StorageScenario, expectedScans: number): void {
  const { records, seed, valueBytes } = scenario.dataset;
  expect(scans).toHaveLength(expectedScans);
  for (const entries of scans) {
    expect(entries).toHaveLength(records);
    expect(entries[0]!.key).toBe(keyOf(0));
    expect(entries.at(-1)!.key).toBe(keyOf(records - 1));
  }
  // Every record, in order, with its loaded value (checked once: the scans are alike).
  const first = scans[0]!;
  for (let i = 0; i < records; i++) {
    expect(first[i]!.key).toBe(keyOf(i));
    if (i % 997 === 0) expect(Buffer.from(first[i]!.value).equals(Buffer.from(recordValue(seed, i, valueBytes)))).toBe(true);
  }
}

describe('scenarios/read-all-10k.ts', () => {
  it('declares one scan of the whole 10,000-record dataset per op', () => {
    expect(readAll.dataset.records).toBe(10_000);
    expect(readAll.workload.mix).toEqual({ scan: 1 });
    expect(readAll.workload.scanLength).toBe(10_000);
    expect(readAll.workload.scanStart).toBe('first-key');
    expect(readAll.workload.durationMs).toBeDefined();
  });

  for (const [name, variant] of Object.entries(storageVariants)) {
    it(`every scan returns all 10,000 records on ${name}`, async () => {
      const store = await variant.open(name === 'pooled' ? { settings: { poolSize: 2 } } : {});
      try {
        expectWholeDataset(await scansOf(store, readAll, 3), readAll, 3);
      } finally {
        await settle(store.close());
      }
    });
  }

  it('under --quick, every scan returns all of the 5,000 records it clamps the dataset to', async () => {
    const quick = quickened(readAll);
    expect(quick.dataset.records).toBe(5_000);
    const store = await storageVariants.batched.open();
    try {
      expectWholeDataset(await scansOf(store, quick, 2), quick, 2);
    } finally {
      await settle(store.close());
    }
  });
});
