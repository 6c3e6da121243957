/**
 * What a store must hold after running trace prefixes, for a few tracked
 * records, found by replaying the prefixes' writes over the loaded dataset:
 * the oracle of the check after the measured phase (verify-after.ts).
 *
 * Why replaying in trace order is right. The driver's clients take trace
 * positions in order (driver.ts), so ops are *issued* in trace order; the
 * question is whether a store *applies* them in that order. The store
 * contract (variants/storage/store.ts) asks that writes take effect in the
 * order they are called and that a read sees every write called before it.
 * Every variant here meets it:
 * - naive, batched, cached (and the no-op) are synchronous: each call has
 *   finished before the driver issues the next, whatever the concurrency;
 * - pooled writes synchronously too, through one writer on the main thread
 *   (put/delete/batch stage into its WriteBatch in call order); only gets and
 *   scans are asynchronous, answered from the pending batch at call time or
 *   by a worker reading committed data after the call (pooled.ts header).
 *   So its final state is exactly the replay's, and a get issued at
 *   position p sees every write before p, and possibly some issued while it
 *   was in flight (positions in (p, issued)): `acceptableAt` allows those.
 * Scans write nothing; a delete leaves the record absent; a batch applies its
 * puts in order (a record written twice in one batch ends with the later).
 */
import { OP_CODES, type OpTrace } from './trace.ts';
import type { DatasetShape } from './dataset.ts';
import { recordValue } from './values.ts';

/** A record's value: bytes, or undefined when absent (deleted). */
export type RecordValue = Uint8Array | undefined;

export interface ExecutedTrace {
  readonly trace: OpTrace;
  /** Ops [0, positions) ran (driver.ts DriveResult.positions). */
  readonly positions: number;
}

/** One value a get may answer, and the write that put it there (null: the state before any write of the phase). */
export interface Acceptable {
  readonly value: RecordValue;
  readonly writtenAt: number | null;
}

interface History {
  /** After loading and the warmup, when the measured phase starts. */
  start: RecordValue;
  /** The measured phase's writes of this record, in trace order. */
  readonly positions: number[];
  readonly values: RecordValue[];
}

const PUT = OP_CODES.put;
const DELETE = OP_CODES.delete;
const BATCH = OP_CODES.batch;

/** Calls `visit` for every write of a tracked record in ops [0, positions), in order. */
function forEachTrackedWrite(
  run: ExecutedTrace,
  tracked: Uint8Array,
  visit: (position: number, record: number, value: RecordValue) => void,
): void {
  const { ops, keys, values, records, batchSize } = run.trace;
  const valueCount = values.length;
  const end = Math.min(run.positions, run.trace.length);
  for (let i = 0; i < end; i++) {
    const op = ops[i];
    if (op === PUT || op === DELETE) {
      const record = keys[i]!;
      if (tracked[record] === 1) visit(i, record, op === PUT ? values[i % valueCount] : undefined);
    } else if (op === BATCH) {
      // As trace.ts batchWrites builds it: consecutive records from the op's key, wrapping.
      let record = keys[i]!;
      let value = i % valueCount;
      for (let j = 0; j < batchSize; j++) {
        if (tracked[record] === 1) visit(i, record, values[value]);
        if (++record === records) record = 0;
        if (++value === valueCount) value = 0;
      }
    }
  }
}

export class RecordHistories {
  private constructor(private readonly histories: ReadonlyMap<number, History>) {}

  /**
   * `warmup` (null if none ran) is replayed into each record's start value;
   * the measured run's writes are kept one by one, for gets observed during it.
   */
  static replay(dataset: DatasetShape, tracked: Iterable<number>, warmup: ExecutedTrace | null, measured: ExecutedTrace): RecordHistories {
    const flags = new Uint8Array(dataset.records);
    const histories = new Map<number, History>();
    for (const record of tracked) {
      if (!Number.isInteger(record) || record < 0 || record >= dataset.records) {
        throw new RangeError(`replay: record ${record} is not one of the ${dataset.records} loaded records`);
      }
      flags[record] = 1;
      histories.set(record, { start: recordValue(dataset.seed, record, dataset.valueBytes), positions: [], values: [] });
    }
    if (warmup) {
      forEachTrackedWrite(warmup, flags, (_, record, value) => {
        histories.get(record)!.start = value;
      });
    }
    forEachTrackedWrite(measured, flags, (position, record, value) => {
      const history = histories.get(record)!;
      history.positions.push(position);
      history.values.push(value);
    });
    return new RecordHistories(histories);
  }

  private history(record: number): History {
    const history = this.histories.get(record);
    if (!history) throw new RangeError(`replay: record ${record} was not tracked`);
    return history;
  }

  /** The record's value after every replayed op. */
  finalValue(record: number): RecordValue {
    const history = this.history(record);
    return history.values.length === 0 ? history.start : history.values[history.values.length - 1];
  }

  /** Position of the record's last write in the measured run, or null. */
  lastWrittenAt(record: number): number | null {
    const { positions } = this.history(record);
    return positions.length === 0 ? null : positions[positions.length - 1]!;
  }

  /**
   * What a get of `record` issued at measured `position`, answered once
   * positions [0, issued) were issued, may return: the value after every
   * write before `position`, or after one of the writes issued while it was
   * in flight (see the header).
   */
  acceptableAt(record: number, position: number, issued: number): Acceptable[] {
    const { start, positions, values } = this.history(record);
    // The first write at or after `position` (binary search: positions ascend).
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[mid]! < position) lo = mid + 1;
      else hi = mid;
    }
    const acceptable: Acceptable[] = [lo === 0 ? { value: start, writtenAt: null } : { value: values[lo - 1], writtenAt: positions[lo - 1]! }];
    for (let k = lo; k < positions.length && positions[k]! < issued; k++) {
      if (positions[k]! > position) acceptable.push({ value: values[k], writtenAt: positions[k]! });
    }
    return acceptable;
  }
}
