/**
 * Loading the dataset: records keyOf(i) -> recordValue(seed, i, valueBytes)
 * for i in [0, records), written through Store.batch in chunks (YCSB's load
 * phase, batched so that loading a per-write-fsync variant takes seconds, not
 * minutes), then flushed so timing starts from a durable state.
 */
import type { Store, WriteOp } from '../../../../variants/storage/store.ts';
import { keyOf } from './keys.ts';
import { isThenable } from './settle.ts';
import { recordValue } from './values.ts';

export interface DatasetShape {
  readonly records: number;
  readonly valueBytes: number;
  readonly seed: number;
}

export interface LoadOptions {
  /** Records per Store.batch call; default 1000. */
  readonly batchSize?: number;
  /** Called after each batch with the number of records loaded so far. */
  readonly onProgress?: (loaded: number) => void;
}

const DEFAULT_BATCH_SIZE = 1000;

export async function loadDataset(store: Store, dataset: DatasetShape, options: LoadOptions = {}): Promise<void> {
  const { records, valueBytes, seed } = dataset;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(records) || records < 0) {
    throw new RangeError(`dataset: records must be a non-negative integer, got ${String(records)}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`dataset: batchSize must be a positive integer, got ${String(batchSize)}`);
  }
  for (let start = 0; start < records; start += batchSize) {
    const end = Math.min(start + batchSize, records);
    const ops: WriteOp[] = [];
    for (let i = start; i < end; i++) {
      ops.push({ type: 'put', key: keyOf(i), value: recordValue(seed, i, valueBytes) });
    }
    const pending = store.batch(ops);
    if (isThenable(pending)) await pending;
    options.onProgress?.(end);
  }
  const flushed = store.flush();
  if (isThenable(flushed)) await flushed;
}
