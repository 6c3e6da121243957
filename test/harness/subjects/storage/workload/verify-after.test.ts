import { describe, expect, it } from 'vitest';
import { drive } from '../../../../../harness/subjects/storage/driver.ts';
import { loadDataset } from '../../../../../harness/subjects/storage/workload/dataset.ts';
import { keyOf } from '../../../../../harness/subjects/storage/workload/keys.ts';
import { ObservedGets } from '../../../../../harness/subjects/storage/workload/observed-gets.ts';
import { buildTrace, type TraceOptions } from '../../../../../harness/subjects/storage/workload/trace.ts';
import { verifyAfterMeasure } from '../../../../../harness/subjects/storage/workload/verify-after.ts';
import { verifyStore } from '../../../../../harness/subjects/storage/workload/verify.ts';
import type { Store } from '../../../../../variants/storage/store.ts';
import { faultyAfter, type Fault } from '../../../../support/faulty-store.ts';
import { memoryStore, steppingClock } from '../../../../support/memory-store.ts';

const DATASET = { records: 300, valueBytes: 16, seed: 11 };
const keys = Array.from({ length: DATASET.records }, (_, i) => keyOf(i));
const traceOptions = (operations: number, seed: number, mix: TraceOptions['mix'] = { get: 60, put: 20, delete: 10, scan: 5, batch: 5 }): TraceOptions => ({
  mix, operations, distribution: { kind: 'zipfian', constant: 0.99, scrambled: true }, records: DATASET.records, valueBytes: DATASET.valueBytes,
  seed, popularitySeed: DATASET.seed, batchSize: 7,
});

/** What storage-job.ts does: load, verify, warm up, measure (observing gets), then check against the replay. */
async function runJob(store: Store, options: { concurrency?: number; operations?: number; mix?: TraceOptions['mix'] } = {}) {
  await loadDataset(store, DATASET);
  const before = await verifyStore(store, DATASET, { seed: DATASET.seed });
  const common = { store, keys, concurrency: options.concurrency ?? 1, scanLength: 5, tickIntervalNs: 1e6, clock: steppingClock(1_000), maxDurationNs: null };
  const warmupTrace = buildTrace(traceOptions(500, 77, options.mix));
  const warmup = await drive({ ...common, trace: warmupTrace, operations: 500, sampleEvery: 0 });
  const operations = options.operations ?? 4_000;
  const trace = buildTrace(traceOptions(operations, DATASET.seed, options.mix));
  const observed = new ObservedGets(16);
  const measured = await drive({ ...common, trace, operations, sampleEvery: 4, observeGets: observed, finish: () => store.flush() });
  const after = await verifyAfterMeasure(store, {
    dataset: DATASET,
    warmup: { trace: warmupTrace, positions: warmup.positions },
    measured: { trace, positions: measured.positions },
    observed: observed.gets,
    seed: DATASET.seed,
  });
  return { before, after, observed: observed.gets.length };
}

describe('verifyAfterMeasure', () => {
  it('finds no disagreement with a correct synchronous store', async () => {
    const { before, after, observed } = await runJob(memoryStore());
    expect(before).toEqual([]);
    expect(after).toEqual([]);
    expect(observed).toBeGreaterThan(50);
  });

  it('finds none with an asynchronous store and 32 ops in flight, whose gets may see writes issued meanwhile', async () => {
    const { after, observed } = await runJob(memoryStore({ async: true }), { concurrency: 32 });
    expect(after).toEqual([]);
    expect(observed).toBeGreaterThan(50);
  });

  it('passes a store that ran only part of the trace (a duration cap): only the ops that ran are replayed', async () => {
    const store = memoryStore();
    await loadDataset(store, DATASET);
    const trace = buildTrace(traceOptions(4_000, DATASET.seed));
    // Stops at the first checkpoint past 1 ms: the stepping clock advances 1 µs per read.
    const result = await drive({
      store, trace, keys, operations: 4_000, concurrency: 1, scanLength: 5, tickIntervalNs: 1e6, clock: steppingClock(1_000_000),
      maxDurationNs: 1, sampleEvery: 4,
    });
    expect(result.positions).toBeLessThan(4_000);
    const measured = { trace, positions: result.positions };
    expect(await verifyAfterMeasure(store, { dataset: DATASET, warmup: null, measured, observed: [], seed: 1 })).toEqual([]);
    // Claiming the whole trace ran is caught: its later writes are missing.
    expect(await verifyAfterMeasure(store, { dataset: DATASET, warmup: null, measured: { trace, positions: 4_000 }, observed: [], seed: 1 })).not.toEqual([]);
  });

  // Wrong after 1,500 calls: past the verification before timing (~100 calls) and the warmup's 500 ops.
  const cases: [Fault, RegExp][] = [
    ['wrong-gets', /^get\("key:\d{10}"\) at op \d+ of the measured phase: expected 16 bytes [0-9a-f]{16}…, got 16 bytes [0-9a-f]{16}… \(first difference at byte 0\)/],
    ['drop-puts', /^get\("key:\d{10}"\) (at op \d+ of|after) the measured phase: expected 16 bytes [0-9a-f]{16}…, got /],
    ['ignore-deletes', /^get\("key:\d{10}"\) (at op \d+ of|after) the measured phase: expected absent, got 16 bytes/],
    ['short-scans', /^scan\(\{"start":"key:\d{10}","end":"key:\d{10}"\}\): expected \d+ entries .* \(after the measured phase\)$/],
  ];
  for (const [fault, message] of cases) {
    it(`catches a store that passed the verification before timing and then ${fault.replace('-', ' ')}`, async () => {
      for (const async of [false, true]) {
        const store = faultyAfter(memoryStore({ async }), 1_500, fault);
        const { before, after } = await runJob(store, { concurrency: async ? 16 : 1 });
        expect(before, `${fault}, async ${async}`).toEqual([]);
        expect(store.calls()).toBeGreaterThan(1_500);
        expect(after.length, `${fault}, async ${async}`).toBeGreaterThan(0);
        expect(after.some((problem) => message.test(problem)), `${fault}, async ${async}:\n${after.join('\n')}`).toBe(true);
      }
    });
  }

  it('checks deleted records are absent even in a trace of puts and deletes only', async () => {
    const store = faultyAfter(memoryStore(), 1_500, 'ignore-deletes');
    const { after } = await runJob(store, { mix: { put: 50, delete: 50 } });
    expect(after.some((problem) => /after the measured phase: expected absent, got 16 bytes/.test(problem))).toBe(true);
  });

  it('reports at most ten disagreements and counts the rest', async () => {
    const { after } = await runJob(faultyAfter(memoryStore(), 1_500, 'wrong-gets'));
    expect(after).toHaveLength(11);
    expect(after[10]).toMatch(/^\.\.\. and \d+ more disagreements$/);
  });
});
