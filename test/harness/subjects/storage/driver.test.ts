import { describe, expect, it } from 'vitest';
import { drive, type DriveOptions } from '../../../../harness/subjects/storage/driver.ts';
import { keyOf } from '../../../../harness/subjects/storage/workload/keys.ts';
import { buildTrace, OP_CODES, OP_NAMES } from '../../../../harness/subjects/storage/workload/trace.ts';
import { memoryStore, steppingClock } from '../../../support/memory-store.ts';

const RECORDS = 1_000;
const keys = Array.from({ length: RECORDS }, (_, i) => keyOf(i));

function traceOf(operations: number) {
  return buildTrace({
    mix: { get: 50, put: 30, delete: 10, scan: 10 },
    operations,
    distribution: { kind: 'uniform' },
    records: RECORDS,
    valueBytes: 16,
    seed: 7,
  });
}

function options(overrides: Partial<DriveOptions>): DriveOptions {
  const trace = traceOf(10_000);
  return {
    store: memoryStore(),
    trace,
    keys,
    operations: trace.length,
    maxDurationNs: null,
    concurrency: 1,
    scanLength: 5,
    sampleEvery: 8,
    tickIntervalNs: 1_000_000,
    clock: steppingClock(1_000),
    ...overrides,
  };
}

function expectedCounts(trace: ReturnType<typeof traceOf>, operations: number): number[] {
  const counts = OP_NAMES.map(() => 0);
  for (let i = 0; i < operations; i++) counts[trace.ops[i]!]! += 1;
  return counts;
}

describe('drive', () => {
  it('replays the whole trace in order against a synchronous store', async () => {
    const store = memoryStore();
    const trace = traceOf(2_000);
    const result = await drive(options({ store, trace, operations: trace.length }));
    expect(result.operations).toBe(2_000);
    expect(result.counts).toEqual(expectedCounts(trace, 2_000));
    // The calls are the trace's ops and keys, in order.
    expect(store.keyedCalls.slice(0, 50)).toEqual(
      Array.from({ length: 50 }, (_, i) => `${OP_NAMES[trace.ops[i]!]} ${keys[trace.keys[i]!]}`),
    );
  });

  it('times exactly 1 in sampleEvery ops and records them under their op type', async () => {
    const trace = traceOf(4_096);
    const result = await drive(options({ trace, operations: trace.length, sampleEvery: 16 }));
    let sampled = 0;
    const perType = OP_NAMES.map(() => 0);
    for (let i = 0; i < 4_096; i += 16) {
      sampled += 1;
      perType[trace.ops[i]!]! += 1;
    }
    const total = OP_NAMES.reduce((sum, _, code) => sum + (result.latency.summary(code)?.samples ?? 0), 0);
    expect(total).toBe(sampled);
    expect(result.latency.summary(OP_CODES.put)?.samples).toBe(perType[OP_CODES.put]);
    // The stepping clock advances 1 µs per read: a timed op spans exactly one step.
    expect(result.latency.summary(OP_CODES.get)?.p50Ns).toBe(1_000);
  });

  it('records no latency during warmup (sampleEvery 0) and reads the clock only at checkpoints', async () => {
    const clock = steppingClock(10);
    const trace = traceOf(1_280);
    // Scans of one entry, so every op is one unit of checkpoint work.
    const result = await drive(options({ trace, operations: trace.length, sampleEvery: 0, clock, scanLength: 1 }));
    expect(result.operations).toBe(1_280);
    for (let code = 0; code < OP_NAMES.length; code++) expect(result.latency.summary(code)).toBeNull();
    // start + one read per 128 ops + end: no per-op clock reads.
    expect(clock.reads()).toBe(1 + 1_280 / 128 + 1);
  });

  it('stops at the duration cap', async () => {
    // 1 ms per clock read; checkpoints every 128 ops; a 5 ms cap ends the run after a few checkpoints.
    const trace = traceOf(100_000);
    const result = await drive(
      options({ trace, operations: trace.length, sampleEvery: 0, maxDurationNs: 5_000_000, clock: steppingClock(1_000_000), scanLength: 1 }),
    );
    expect(result.operations).toBeLessThan(100_000);
    expect(result.operations % 128).toBe(0);
    expect(result.counts).toEqual(expectedCounts(trace, result.operations));
    // Exactly the first `positions` ops ran (no batch here, so one item each).
    expect(result.positions).toBe(result.operations);
  });

  it('reports the trace positions that ran, with many clients on an asynchronous store and a duration cap', async () => {
    const store = memoryStore({ async: true });
    const trace = traceOf(50_000);
    const result = await drive(
      options({ store, trace, operations: trace.length, concurrency: 8, sampleEvery: 0, maxDurationNs: 5_000_000, clock: steppingClock(1_000_000), scanLength: 1 }),
    );
    expect(result.positions).toBeLessThan(50_000);
    // The ops that ran are a prefix of the trace: the calls are its first `positions` ops, every one of them.
    expect(store.keyedCalls).toHaveLength(result.positions);
    expect(result.counts).toEqual(expectedCounts(trace, result.positions));
  });

  it('shows an observer the answers of timed gets at multiples of its stride, and nothing else', async () => {
    const store = memoryStore();
    const trace = traceOf(4_096);
    const seen: { position: number; value: unknown; issued: number }[] = [];
    const result = await drive(
      options({ store, trace, operations: trace.length, sampleEvery: 8, observeGets: { every: 64, see: (position, value, issued) => seen.push({ position, value, issued }) } }),
    );
    const expected = Array.from({ length: 4_096 / 64 }, (_, k) => k * 64).filter((i) => trace.ops[i] === OP_CODES.get);
    expect(seen.map((s) => s.position)).toEqual(expected);
    // A synchronous store has answered before the next op is issued.
    expect(seen.every((s) => s.issued === s.position + 1)).toBe(true);
    expect(seen.some((s) => s.value instanceof Uint8Array)).toBe(true);
    expect(result.positions).toBe(4_096);
    // Untimed ops are never shown, whatever the stride.
    const none: number[] = [];
    await drive(options({ trace, operations: trace.length, sampleEvery: 0, observeGets: { every: 1, see: (position) => none.push(position) } }));
    expect(none).toEqual([]);
    await expect(drive(options({ observeGets: { every: 24, see: () => {} } }))).rejects.toThrow(/observeGets.every must be a power of two/);
  });

  it('builds a timeline whose intervals account for every op', async () => {
    const trace = traceOf(10_000);
    const result = await drive(options({ trace, operations: trace.length, sampleEvery: 0, tickIntervalNs: 500, clock: steppingClock(100) }));
    expect(result.timeline.length).toBeGreaterThan(5);
    let previousMs = 0;
    let ops = 0;
    for (const point of result.timeline) {
      ops += (point.opsPerSec * (point.tMs - previousMs)) / 1e3;
      previousMs = point.tMs;
    }
    expect(ops).toBeCloseTo(10_000, 6);
    // One memory sample at the start, one per closed interval, one at the end (whose partial interval is the last point).
    expect(result.memory.result().samples.length).toBe(result.timeline.length + 1);
  });

  it('awaits asynchronous stores and keeps `concurrency` ops in flight', async () => {
    const store = memoryStore({ async: true });
    const trace = traceOf(3_000);
    const result = await drive(options({ store, trace, operations: trace.length, concurrency: 16 }));
    expect(result.operations).toBe(3_000);
    expect(store.inFlight.max).toBe(16);
    expect(store.inFlight.now).toBe(0);
    expect(result.counts).toEqual(expectedCounts(trace, 3_000));
  });

  it('rejects with the store error and stops the other clients', async () => {
    const trace = traceOf(5_000);
    const failKey = keys[trace.keys[1_234]!]!;
    const store = memoryStore({ async: true, failOnKey: failKey });
    await expect(drive(options({ store, trace, operations: trace.length, concurrency: 4 }))).rejects.toThrow(`injected failure on ${failKey}`);
  });

  it('refuses a sampling stride that is not a power of two', async () => {
    await expect(drive(options({ sampleEvery: 10 }))).rejects.toThrow(/power of two/);
  });

  it('times the ops at positions sampleOffset, sampleOffset + sampleEvery, ...', async () => {
    expect(await timedPositions(0)).toEqual(range(0, 120, 8));
    expect(await timedPositions(5)).toEqual(range(5, 120, 8));
    expect(await timedPositions(7)).toEqual(range(7, 120, 8));
  });

  it('refuses a sampling offset outside [0, sampleEvery)', async () => {
    await expect(drive(options({ sampleEvery: 8, sampleOffset: 8 }))).rejects.toThrow(/sampleOffset/);
    await expect(drive(options({ sampleEvery: 8, sampleOffset: -1 }))).rejects.toThrow(/sampleOffset/);
  });
});

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v < to; v += step) values.push(v);
  return values;
}

/**
 * The trace positions drive() timed, read off how many clock reads come
 * before each store call. With one client, a synchronous store and fewer
 * ops than a checkpoint interval (128), the only reads are the start, each
 * timed op's two and the end: before call 0 come the start read and op 0's
 * t0 if it is timed; between calls k-1 and k, op k-1's t1 if it was timed
 * and op k's t0 if it is.
 */
async function timedPositions(sampleOffset: number): Promise<number[]> {
  const clock = steppingClock(1_000);
  const inner = memoryStore();
  const readsBeforeCall: number[] = [];
  let readsSoFar = 0;
  const counted =
    <A extends unknown[], R>(call: (...args: A) => R) =>
    (...args: A): R => {
      readsBeforeCall.push(clock.reads() - readsSoFar);
      readsSoFar = clock.reads();
      return call(...args);
    };
  const store = { ...inner, get: counted(inner.get), put: counted(inner.put), delete: counted(inner.delete), scan: counted(inner.scan), batch: counted(inner.batch) };
  const trace = traceOf(120);
  await drive(options({ store, trace, operations: trace.length, sampleEvery: 8, sampleOffset, clock, scanLength: 1 }));
  expect(readsBeforeCall).toHaveLength(120);
  const timed: boolean[] = [];
  readsBeforeCall.forEach((reads, k) => timed.push(reads - (k === 0 ? 1 : timed[k - 1] ? 1 : 0) === 1));
  return timed.flatMap((t, k) => (t ? [k] : []));
}

describe('drive finish', () => {
  it('runs finish after the last op, inside the measured time, and reports its share', async () => {
    const store = memoryStore();
    const order: string[] = [];
    const trace = traceOf(256);
    const clock = steppingClock(1_000);
    const result = await drive(
      options({
        store: { ...store, put: (k, v) => { order.push('op'); return store.put(k, v); } },
        trace,
        operations: trace.length,
        sampleEvery: 0,
        clock,
        finish: async () => {
          order.push('finish');
          await Promise.resolve();
        },
      }),
    );
    expect(order.at(-1)).toBe('finish');
    expect(order.filter((o) => o === 'finish')).toHaveLength(1);
    // Two reads bracket the finish: one clock step.
    expect(result.finishNs).toBe(1_000);
    // start, 2 checkpoints, finish start, finish end, end: the phase spans 5 steps.
    expect(result.durationNs).toBe(5 * 1_000);
  });
});

describe('drive yields to the event loop', () => {
  it('lets timers run at each interval even with many clients on a synchronous store', async () => {
    // A synchronous store never awaits; only the driver's pauses let a timer fire.
    let firings = 0;
    const timer = setInterval(() => void (firings += 1), 0);
    try {
      const trace = traceOf(5_120);
      // One clock read (1 ms) per checkpoint and a 1 ms interval: every checkpoint (128 ops) closes one and pauses.
      // The store sleeps 2 ms at every 128th get, so a 1 ms timer is due at each pause.
      const store = memoryStore();
      let gets = 0;
      const slowStore = {
        ...store,
        get: (key: string) => {
          gets += 1;
          if (gets % 128 === 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
          return store.get(key);
        },
      };
      await drive(options({ store: slowStore, trace, operations: trace.length, concurrency: 64, sampleEvery: 0, tickIntervalNs: 1_000_000, clock: steppingClock(1_000_000) }));
    } finally {
      clearInterval(timer);
    }
    // 40 checkpoints; without the shared pause the 64 clients starve the loop and the timer fires about once.
    expect(firings).toBeGreaterThan(10);
  });
});

describe('drive batch ops', () => {
  function batchTrace(operations: number, batchSize: number, mix: Record<string, number> = { batch: 1 }) {
    return buildTrace({ mix, operations, distribution: { kind: 'uniform' }, records: RECORDS, valueBytes: 16, seed: 11, batchSize });
  }

  it('calls store.batch once per op with batchSize puts and counts batchSize items for it', async () => {
    const store = memoryStore();
    const trace = batchTrace(400, 300, { get: 1, batch: 1 });
    const batches = trace.ops.filter((op) => op === OP_CODES.batch).length;
    const gets = 400 - batches;
    const result = await drive(options({ store, trace, operations: trace.length }));
    expect(store.batchSizes).toEqual(Array.from({ length: batches }, () => 300));
    expect(result.counts[OP_CODES.batch]).toBe(batches * 300);
    expect(result.counts[OP_CODES.get]).toBe(gets);
    expect(result.operations).toBe(gets + batches * 300);
    // The first batch wrote 300 consecutive records from its drawn key, wrapping at RECORDS.
    const first = trace.ops.indexOf(OP_CODES.batch);
    for (let j = 0; j < 300; j++) expect(store.data.has(keys[(trace.keys[first]! + j) % RECORDS]!)).toBe(true);
  });

  it('times a batch once, as one call, under the batch op type', async () => {
    const trace = batchTrace(64, 1_000);
    // Every op sampled; the stepping clock advances 1 µs per read, so a timed call spans one step however many items it holds.
    const result = await drive(options({ trace, operations: trace.length, sampleEvery: 1 }));
    const summary = result.latency.summary(OP_CODES.batch);
    expect(summary?.samples).toBe(64);
    expect(summary?.p50Ns).toBe(1_000);
    expect(summary?.maxNs).toBe(1_000);
    expect(result.counts[OP_CODES.batch]).toBe(64_000);
  });

  it('still reaches checkpoints when batches step over every multiple of 128 items', async () => {
    // 1,000 items per batch: done goes 1000, 2000, ...; (done & 127) is 0 only every 16th batch.
    const clock = steppingClock(10);
    const trace = batchTrace(10, 1_000);
    const result = await drive(options({ trace, operations: trace.length, sampleEvery: 0, clock }));
    expect(result.operations).toBe(10_000);
    // start + one checkpoint after every batch (each passes the next 128-item threshold) + end.
    expect(clock.reads()).toBe(1 + 10 + 1);
  });

  it('honours the duration cap and closes timeline intervals in items', async () => {
    // 1 ms per clock read, a checkpoint after every batch: a 5 ms cap stops the run after a few batches.
    const trace = batchTrace(1_000, 200);
    const result = await drive(
      options({ trace, operations: trace.length, sampleEvery: 0, maxDurationNs: 5_000_000, tickIntervalNs: 1, clock: steppingClock(1_000_000) }),
    );
    expect(result.operations).toBeLessThan(1_000 * 200);
    expect(result.operations % 200).toBe(0);
    let items = 0;
    let previousMs = 0;
    for (const point of result.timeline) {
      items += (point.opsPerSec * (point.tMs - previousMs)) / 1e3;
      previousMs = point.tMs;
    }
    expect(items).toBeCloseTo(result.operations, 6);
  });
});

describe('drive checkpoints for slow scans', () => {
  it('counts a scan as one op but as scanLength units of work, so long scans reach the duration cap', async () => {
    const trace = buildTrace({ mix: { scan: 1 }, operations: 200, distribution: { kind: 'uniform' }, records: RECORDS, valueBytes: 16, seed: 3 });
    // Scans of 10,000 entries: a checkpoint (one clock read) after every scan.
    const clock = steppingClock(10);
    const all = await drive(options({ trace, operations: 200, sampleEvery: 0, clock, scanLength: 10_000 }));
    expect(all.operations).toBe(200);
    expect(all.counts[OP_CODES.scan]).toBe(200);
    expect(clock.reads()).toBe(1 + 200 + 1);
    // 1 ms per clock read and a 5 ms cap: stopped after a handful of scans, not at the 128th.
    const capped = await drive(
      options({ trace, operations: 200, sampleEvery: 0, scanLength: 10_000, maxDurationNs: 5_000_000, clock: steppingClock(1_000_000) }),
    );
    expect(capped.operations).toBeLessThan(10);
    // Scans of 32 entries: a checkpoint every 4 scans.
    const short = steppingClock(10);
    await drive(options({ trace, operations: 200, sampleEvery: 0, clock: short, scanLength: 32 }));
    expect(short.reads()).toBe(1 + 200 / 4 + 1);
  });
});
