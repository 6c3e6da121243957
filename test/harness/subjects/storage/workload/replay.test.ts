import { describe, expect, it } from 'vitest';
import { RecordHistories } from '../../../../../harness/subjects/storage/workload/replay.ts';
import { OP_CODES, type OpTrace } from '../../../../../harness/subjects/storage/workload/trace.ts';
import { recordValue } from '../../../../../harness/subjects/storage/workload/values.ts';

const DATASET = { records: 10, valueBytes: 4, seed: 5 };
const VALUES = [0, 1, 2].map((v) => new Uint8Array([v, v, v, v]));
const loadedValue = (record: number) => recordValue(DATASET.seed, record, DATASET.valueBytes);

/** A hand-written trace: [op, record] per position; put at i writes VALUES[i % 3]. */
function trace(steps: readonly [keyof typeof OP_CODES, number][], batchSize = 3): OpTrace {
  return {
    length: steps.length,
    ops: Uint8Array.from(steps.map(([op]) => OP_CODES[op])),
    keys: Uint32Array.from(steps.map(([, record]) => record)),
    values: VALUES,
    records: DATASET.records,
    batchSize,
  };
}

describe('RecordHistories', () => {
  it('replays puts, deletes and batches in trace order over the loaded values, and only the ops that ran', () => {
    const measured = trace([
      ['put', 1], //      0: record 1 <- VALUES[0]
      ['delete', 2], //   1: record 2 absent
      ['get', 3], //      2
      ['scan', 0], //     3: writes nothing
      ['batch', 8], //    4: records 8, 9, 0 <- VALUES[1], VALUES[2], VALUES[0] (wraps past the last record)
      ['put', 2], //      5: record 2 <- VALUES[2]
      ['delete', 1], //   6: not run (positions = 6)
    ]);
    const h = RecordHistories.replay(DATASET, [0, 1, 2, 3, 8, 9], null, { trace: measured, positions: 6 });
    expect(h.finalValue(1)).toEqual(VALUES[0]);
    expect(h.finalValue(2)).toEqual(VALUES[2]);
    expect(h.finalValue(3)).toEqual(loadedValue(3));
    expect([h.finalValue(8), h.finalValue(9), h.finalValue(0)]).toEqual([VALUES[1], VALUES[2], VALUES[0]]);
    expect(h.lastWrittenAt(2)).toBe(5);
    expect(h.lastWrittenAt(3)).toBeNull();
    expect(() => h.finalValue(4)).toThrow(/not tracked/);
  });

  it('starts the measured phase from the state the warmup left', () => {
    const warmup = trace([['delete', 4], ['put', 5]]);
    const measured = trace([['get', 4]]);
    const h = RecordHistories.replay(DATASET, [4, 5, 6], { trace: warmup, positions: 2 }, { trace: measured, positions: 1 });
    expect(h.finalValue(4)).toBeUndefined();
    expect(h.finalValue(5)).toEqual(VALUES[1]);
    expect(h.finalValue(6)).toEqual(loadedValue(6));
  });

  it('accepts for a get the value before it, or one written while it was in flight', () => {
    const measured = trace([
      ['put', 7], //    0
      ['get', 7], //    1
      ['delete', 7], // 2
      ['put', 7], //    3
      ['put', 7], //    4
    ]);
    const h = RecordHistories.replay(DATASET, [7], null, { trace: measured, positions: 5 });
    // Synchronous: answered before the next op was issued.
    expect(h.acceptableAt(7, 1, 2)).toEqual([{ value: VALUES[0], writtenAt: 0 }]);
    // In flight while ops 2 and 3 were issued, not 4.
    expect(h.acceptableAt(7, 1, 4)).toEqual([
      { value: VALUES[0], writtenAt: 0 },
      { value: undefined, writtenAt: 2 },
      { value: VALUES[0], writtenAt: 3 },
    ]);
    // Before any write of the phase: the start value.
    const late = RecordHistories.replay(DATASET, [7], null, { trace: trace([['get', 7], ['put', 7]]), positions: 2 });
    expect(late.acceptableAt(7, 0, 1)).toEqual([{ value: loadedValue(7), writtenAt: null }]);
    expect(late.acceptableAt(7, 0, 2)).toEqual([{ value: loadedValue(7), writtenAt: null }, { value: VALUES[1], writtenAt: 1 }]);
  });

  it('refuses records that were never loaded', () => {
    expect(() => RecordHistories.replay(DATASET, [10], null, { trace: trace([]), positions: 0 })).toThrow(/not one of the 10 loaded records/);
  });
});
