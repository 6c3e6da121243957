import { describe, expect, it } from 'vitest';
import { OP_TYPES, type OpType } from '../../../../../harness/subjects/storage/scenario.ts';
import { keyOf } from '../../../../../harness/subjects/storage/workload/keys.ts';
import {
  batchWrites, buildTrace, declaredMixFractions, OP_CODES, OP_NAMES, scenarioTraceOptions, traceItems, type TraceOptions,
} from '../../../../../harness/subjects/storage/workload/trace.ts';

const BASE: TraceOptions = {
  mix: { get: 70, put: 20, delete: 10 },
  operations: 10_000,
  distribution: { kind: 'zipfian', constant: 0.99, scrambled: true },
  records: 1000,
  valueBytes: 100,
  seed: 42,
};

function achievedMix(ops: Uint8Array): Partial<Record<OpType, number>> {
  const counts: Partial<Record<OpType, number>> = {};
  for (const code of ops) {
    const name = OP_NAMES[code]!;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  for (const name of Object.keys(counts) as OpType[]) counts[name]! /= ops.length;
  return counts;
}

describe('OP_CODES and OP_NAMES', () => {
  it('are inverse of each other and cover every op type', () => {
    expect(OP_CODES).toEqual({ get: 0, put: 1, delete: 2, scan: 3, batch: 4 });
    for (const type of OP_TYPES) expect(OP_NAMES[OP_CODES[type]]).toBe(type);
    expect(OP_NAMES.length).toBe(OP_TYPES.length);
  });
});

describe('declaredMixFractions', () => {
  it('normalises the weights and leaves out op types with weight 0', () => {
    expect(declaredMixFractions({ get: 70, put: 20, delete: 10 })).toEqual({ get: 0.7, put: 0.2, delete: 0.1 });
    expect(declaredMixFractions({ get: 1, put: 1, scan: 0 })).toEqual({ get: 0.5, put: 0.5 });
    expect(declaredMixFractions({ scan: 3 })).toEqual({ scan: 1 });
  });

  it('rejects empty, negative, non-finite and unknown weights', () => {
    expect(() => declaredMixFractions({})).toThrow(/positive sum/);
    expect(() => declaredMixFractions({ get: 0 })).toThrow(/positive sum/);
    expect(() => declaredMixFractions({ get: -1, put: 2 })).toThrow(/get must be a finite number >= 0/);
    expect(() => declaredMixFractions({ get: Number.NaN })).toThrow(/get must be/);
    expect(() => declaredMixFractions({ get: Number.POSITIVE_INFINITY })).toThrow(/get must be/);
    expect(() => declaredMixFractions({ get: 1, update: 1 } as never)).toThrow(/unknown op type "update"/);
  });
});

describe('buildTrace', () => {
  it('is identical for identical options', () => {
    const a = buildTrace(BASE);
    const b = buildTrace({ ...BASE });
    expect(a.length).toBe(BASE.operations);
    expect(b.ops).toEqual(a.ops);
    expect(b.keys).toEqual(a.keys);
    expect(b.values).toEqual(a.values);
  });

  it('differs for a different seed', () => {
    const a = buildTrace(BASE);
    const b = buildTrace({ ...BASE, seed: 43 });
    expect(b.ops).not.toEqual(a.ops);
    expect(b.keys).not.toEqual(a.keys);
    expect(b.values[0]).not.toEqual(a.values[0]);
  });

  it('draws keys and put values independently of the mix', () => {
    const a = buildTrace(BASE);
    const b = buildTrace({ ...BASE, mix: { get: 5, scan: 95 } });
    expect(b.keys).toEqual(a.keys);
    expect(b.values).toEqual(a.values);
  });

  it('achieves the declared mix over 100k ops', () => {
    // Each achieved share is binomial: sd = sqrt(p (1 - p) / 100000) <= 0.0016,
    // so 0.01 is more than six standard deviations.
    const trace = buildTrace({ ...BASE, mix: { get: 50, put: 25, delete: 5, scan: 20 }, operations: 100_000 });
    const achieved = achievedMix(trace.ops);
    const declared = declaredMixFractions({ get: 50, put: 25, delete: 5, scan: 20 });
    for (const type of OP_TYPES) {
      expect(Math.abs((achieved[type] ?? 0) - (declared[type] ?? 0)), type).toBeLessThan(0.01);
    }
  });

  it('emits only op types with positive weight', () => {
    expect(achievedMix(buildTrace({ ...BASE, mix: { get: 1 } }).ops)).toEqual({ get: 1 });
    const noScans = achievedMix(buildTrace({ ...BASE, mix: { get: 1, put: 1, scan: 0 } }).ops);
    expect(Object.keys(noScans).sort()).toEqual(['get', 'put']);
  });

  it('keeps keys within the records and follows the distribution', () => {
    const trace = buildTrace({ ...BASE, distribution: { kind: 'uniform' }, records: 17 });
    expect(Math.max(...trace.keys)).toBeLessThan(17);
    const sequential = buildTrace({ ...BASE, distribution: { kind: 'sequential' }, records: 4, operations: 10 });
    expect(Array.from(sequential.keys)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
  });

  it('builds a pool of put values of the requested size', () => {
    const trace = buildTrace(BASE);
    expect(trace.values.length).toBe(256);
    expect(trace.values.every((value) => value.length === BASE.valueBytes)).toBe(true);
    expect(new Set(trace.values.map((value) => Buffer.from(value).toString('hex'))).size).toBe(256);
    const small = buildTrace({ ...BASE, valuePoolSize: 3, valueBytes: 5 });
    expect(small.values.map((value) => value.length)).toEqual([5, 5, 5]);
  });

  it('accepts zero operations and rejects bad sizes', () => {
    const empty = buildTrace({ ...BASE, operations: 0 });
    expect([empty.length, empty.ops.length, empty.keys.length]).toEqual([0, 0, 0]);
    expect(() => buildTrace({ ...BASE, operations: -1 })).toThrow(/operations/);
    expect(() => buildTrace({ ...BASE, operations: 1.5 })).toThrow(/operations/);
    expect(() => buildTrace({ ...BASE, valueBytes: -1 })).toThrow(/valueBytes/);
    expect(() => buildTrace({ ...BASE, valuePoolSize: 0 })).toThrow(/valuePoolSize/);
    expect(() => buildTrace({ ...BASE, records: 0 })).toThrow(/records/);
    expect(() => buildTrace({ ...BASE, mix: {} })).toThrow(/positive sum/);
  });
});

describe('buildTrace popularitySeed', () => {
  const base = {
    mix: { get: 1 },
    operations: 50_000,
    distribution: { kind: 'zipfian', constant: 0.99, scrambled: true } as const,
    records: 10_000,
    valueBytes: 8,
  };
  const hottest = (keys: Uint32Array, n: number): Set<number> => {
    const counts = new Map<number, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    return new Set([...counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k]) => k));
  };

  it('gives traces with different draw seeds the same hot keys when they share it', () => {
    const measured = buildTrace({ ...base, seed: 1, popularitySeed: 99 });
    const warmup = buildTrace({ ...base, seed: 2, popularitySeed: 99 });
    expect(Array.from(warmup.keys.slice(0, 100))).not.toEqual(Array.from(measured.keys.slice(0, 100)));
    const a = hottest(measured.keys, 20);
    const shared = [...hottest(warmup.keys, 20)].filter((k) => a.has(k)).length;
    expect(shared).toBeGreaterThanOrEqual(15);
  });

  it('without it, different draw seeds give different hot keys', () => {
    const a = hottest(buildTrace({ ...base, seed: 1 }).keys, 20);
    const shared = [...hottest(buildTrace({ ...base, seed: 2 }).keys, 20)].filter((k) => a.has(k)).length;
    expect(shared).toBeLessThanOrEqual(3);
  });
});

describe('batch ops', () => {
  const RECORDS = 10;
  const recordKeys = Array.from({ length: RECORDS }, (_, i) => keyOf(i));
  const batchTrace = (overrides: Partial<TraceOptions> = {}) =>
    buildTrace({ ...BASE, mix: { batch: 1 }, records: RECORDS, operations: 50, batchSize: 4, valuePoolSize: 7, ...overrides });

  it('get their own code and carry the batch size and record count', () => {
    const trace = batchTrace();
    expect(OP_NAMES[OP_CODES.batch]).toBe('batch');
    expect(new Set(trace.ops)).toEqual(new Set([OP_CODES.batch]));
    expect([trace.batchSize, trace.records]).toEqual([4, RECORDS]);
    expect(buildTrace({ ...BASE, mix: { batch: 1 } }).batchSize).toBe(100); // DEFAULT_BATCH_SIZE
    expect(() => batchTrace({ batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
    expect(() => batchTrace({ batchSize: 2.5 })).toThrow(/batchSize/);
  });

  it('write batchSize puts of consecutive keys from the drawn key, wrapping past the last record', () => {
    const trace = batchTrace({ distribution: { kind: 'sequential' }, batchSize: 5 });
    // Sequential keys: op i starts at record i % 10; op 8 runs 8, 9, then wraps to 0, 1, 2.
    const writes = batchWrites(trace, 8, recordKeys);
    expect(writes.map((w) => w.type)).toEqual(['put', 'put', 'put', 'put', 'put']);
    expect(writes.map((w) => w.key)).toEqual([8, 9, 0, 1, 2].map(keyOf));
    // Values round-robin from the pool, starting where a put at position 8 would: values[(8 + j) % 7].
    expect(writes.map((w) => w.type === 'put' && trace.values.indexOf(w.value))).toEqual([1, 2, 3, 4, 5]);
    expect(batchWrites(trace, 3, recordKeys).map((w) => w.key)).toEqual([3, 4, 5, 6, 7].map(keyOf));
  });

  it('wrap correctly even when a batch is longer than the records', () => {
    const trace = batchTrace({ distribution: { kind: 'sequential' }, batchSize: 23 });
    const writes = batchWrites(trace, 7, recordKeys);
    expect(writes).toHaveLength(23);
    expect(writes.map((w) => w.key)).toEqual(Array.from({ length: 23 }, (_, j) => keyOf((7 + j) % RECORDS)));
  });

  it('are deterministic, and built fresh on every call (a store may keep the array)', () => {
    const a = batchTrace({ distribution: { kind: 'uniform' } });
    const b = batchTrace({ distribution: { kind: 'uniform' } });
    for (let i = 0; i < a.length; i++) expect(batchWrites(b, i, recordKeys)).toEqual(batchWrites(a, i, recordKeys));
    expect(batchWrites(a, 0, recordKeys)).not.toBe(batchWrites(a, 0, recordKeys));
    expect(batchWrites(a, 0, recordKeys)[0]).not.toBe(batchWrites(a, 0, recordKeys)[0]);
  });

  it('do not change the other ops: op codes and keys are drawn as before', () => {
    const without = buildTrace({ ...BASE, mix: { get: 70, put: 30 } });
    const withBatch = buildTrace({ ...BASE, mix: { get: 70, put: 30, batch: 0 }, batchSize: 1000 });
    expect(withBatch.ops).toEqual(without.ops);
    expect(withBatch.keys).toEqual(without.keys);
  });

  it('count batchSize items each in traceItems, every other op one', () => {
    const trace = buildTrace({ ...BASE, mix: { get: 1, batch: 1 }, operations: 1_000, batchSize: 1_000 });
    const batches = trace.ops.filter((op) => op === OP_CODES.batch).length;
    expect(batches).toBeGreaterThan(400);
    expect(traceItems(trace, 1_000)).toBe(1_000 - batches + batches * 1_000);
    expect(traceItems(trace, 5_000)).toBe(traceItems(trace, 1_000)); // clamped to the trace
    expect(traceItems(buildTrace(BASE), 300)).toBe(300);
  });
});

describe('scanStart', () => {
  const options: TraceOptions = { ...BASE, mix: { get: 1, scan: 1 }, distribution: { kind: 'uniform' } };

  it("'first-key' starts every scan at record 0 and leaves the other ops' keys as drawn", () => {
    const drawn = buildTrace(options);
    const first = buildTrace({ ...options, scanStart: 'first-key' });
    expect(first.ops).toEqual(drawn.ops);
    let scans = 0;
    for (let i = 0; i < first.length; i++) {
      if (first.ops[i] === OP_CODES.scan) {
        scans += 1;
        expect(first.keys[i]).toBe(0);
      } else {
        expect(first.keys[i]).toBe(drawn.keys[i]);
      }
    }
    expect(scans).toBeGreaterThan(4_000);
    expect(new Set(Array.from(drawn.keys).filter((_, i) => drawn.ops[i] === OP_CODES.scan)).size).toBeGreaterThan(100);
  });

  it('comes from the scenario, with the other trace options', () => {
    const scenario = {
      dataset: { records: 500, valueBytes: 8, keyDistribution: { kind: 'uniform' } as const, seed: 9 },
      workload: { mix: { scan: 1 }, operations: 10, concurrency: 1, scanStart: 'first-key' as const, batchSize: 30 },
    };
    expect(scenarioTraceOptions(scenario)).toEqual({
      mix: { scan: 1 }, distribution: { kind: 'uniform' }, records: 500, valueBytes: 8, popularitySeed: 9, batchSize: 30, scanStart: 'first-key',
    });
    const defaults = scenarioTraceOptions({ ...scenario, workload: { mix: { get: 1 }, operations: 10, concurrency: 1 } });
    expect([defaults.batchSize, defaults.scanStart]).toEqual([100, 'drawn-key']);
  });
});
