import { describe, expect, it } from 'vitest';
import { drive, type DriveOptions } from '../../../harness/measure/driver.ts';
import { keyOf } from '../../../harness/workload/keys.ts';
import { buildTrace, OP_CODES } from '../../../harness/workload/trace.ts';
import { memoryStore, steppingClock } from '../../support/memory-store.ts';

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
  const counts = [0, 0, 0, 0];
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
    const name = ['get', 'put', 'delete', 'scan'];
    expect(store.keyedCalls.slice(0, 50)).toEqual(
      Array.from({ length: 50 }, (_, i) => `${name[trace.ops[i]!]} ${keys[trace.keys[i]!]}`),
    );
  });

  it('times exactly 1 in sampleEvery ops and records them under their op type', async () => {
    const trace = traceOf(4_096);
    const result = await drive(options({ trace, operations: trace.length, sampleEvery: 16 }));
    let sampled = 0;
    const perType = [0, 0, 0, 0];
    for (let i = 0; i < 4_096; i += 16) {
      sampled += 1;
      perType[trace.ops[i]!]! += 1;
    }
    const total = ['get', 'put', 'delete', 'scan'].reduce((sum, _, code) => sum + (result.latency.summary(code)?.samples ?? 0), 0);
    expect(total).toBe(sampled);
    expect(result.latency.summary(OP_CODES.put)?.samples).toBe(perType[OP_CODES.put]);
    // The stepping clock advances 1 µs per read: a timed op spans exactly one step.
    expect(result.latency.summary(OP_CODES.get)?.p50Ns).toBe(1_000);
  });

  it('records no latency during warmup (sampleEvery 0) and reads the clock only at checkpoints', async () => {
    const clock = steppingClock(10);
    const trace = traceOf(1_280);
    const result = await drive(options({ trace, operations: trace.length, sampleEvery: 0, clock }));
    expect(result.operations).toBe(1_280);
    for (let code = 0; code < 4; code++) expect(result.latency.summary(code)).toBeNull();
    // start + one read per 128 ops + end: no per-op clock reads.
    expect(clock.reads()).toBe(1 + 1_280 / 128 + 1);
  });

  it('stops at the duration cap', async () => {
    // 1 ms per clock read; checkpoints every 128 ops; a 5 ms cap ends the run after a few checkpoints.
    const trace = traceOf(100_000);
    const result = await drive(options({ trace, operations: trace.length, sampleEvery: 0, maxDurationNs: 5_000_000, clock: steppingClock(1_000_000) }));
    expect(result.operations).toBeLessThan(100_000);
    expect(result.operations % 128).toBe(0);
    expect(result.counts).toEqual(expectedCounts(trace, result.operations));
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
});

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
