import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../../../harness/subjects/storage/workload/dataset.ts';
import { keyOf } from '../../../../../harness/subjects/storage/workload/keys.ts';
import { recordValue } from '../../../../../harness/subjects/storage/workload/values.ts';
import { memoryStore } from '../../../../support/memory-store.ts';

const DATASET = { records: 2500, valueBytes: 32, seed: 7 };

describe('loadDataset', () => {
  it('writes keyOf(i) -> recordValue(seed, i) for every record, in batches, then flushes', async () => {
    const store = memoryStore();
    const progress: number[] = [];
    await loadDataset(store, DATASET, { onProgress: (loaded) => progress.push(loaded) });
    expect(store.data.size).toBe(DATASET.records);
    for (const index of [0, 1, 999, 1000, 2499]) {
      expect(store.data.get(keyOf(index))).toEqual(recordValue(DATASET.seed, index, DATASET.valueBytes));
    }
    expect(store.batchSizes).toEqual([1000, 1000, 500]);
    expect(progress).toEqual([1000, 2000, 2500]);
    expect(store.calls.at(-1)).toBe('flush');
    expect(store.calls.filter((call) => call === 'flush').length).toBe(1);
  });

  it('honours batchSize', async () => {
    const store = memoryStore();
    await loadDataset(store, { ...DATASET, records: 10 }, { batchSize: 4 });
    expect(store.batchSizes).toEqual([4, 4, 2]);
  });

  it('does not await a synchronous store: the whole load runs before loadDataset returns', () => {
    const store = memoryStore();
    const done = loadDataset(store, DATASET);
    // No await has happened yet: every batch and the flush already ran.
    expect(store.data.size).toBe(DATASET.records);
    expect(store.sizeAtFlush).toEqual([DATASET.records]);
    return done;
  });

  it('awaits an asynchronous store before the next batch and before flushing', async () => {
    const store = memoryStore({ async: true });
    await loadDataset(store, DATASET, { batchSize: 700 });
    expect(store.sizeAtFlush).toEqual([DATASET.records]);
    expect(store.data.size).toBe(DATASET.records);
  });

  it('loads nothing for zero records but still flushes', async () => {
    const store = memoryStore();
    await loadDataset(store, { ...DATASET, records: 0 });
    expect(store.calls).toEqual(['flush']);
  });

  it('rejects bad sizes before writing', async () => {
    const store = memoryStore();
    await expect(loadDataset(store, DATASET, { batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(loadDataset(store, { ...DATASET, records: -1 })).rejects.toThrow(/records/);
    expect(store.calls).toEqual([]);
  });

  it('propagates a failing batch', async () => {
    const store = memoryStore();
    const failing = { ...store, batch: () => Promise.reject(new Error('disk full')) };
    await expect(loadDataset(failing, DATASET)).rejects.toThrow('disk full');
  });
});
