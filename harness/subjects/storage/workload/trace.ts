/**
 * The op trace: the whole measured op sequence, generated up front from the
 * seed so every variant replays the same ops and generation costs nothing
 * during timing (YCSB instead draws ops while it measures). Struct-of-arrays
 * typed arrays keep 10^6 ops at ~5 MB and out of the GC's way.
 */
import type { WriteOp } from '../../../../variants/storage/store.ts';
import { DEFAULT_BATCH_SIZE, OP_TYPES, type KeyDistribution, type OpMix, type OpType, type ScanStart, type StorageScenario } from '../scenario.ts';
import { createKeyChooser } from './distributions.ts';
import { Prng } from '../../../../lib/prng.ts';

/** Codes in OP_TYPES order: OP_CODES[OP_TYPES[c]] === c. */
export const OP_CODES: Readonly<Record<OpType, number>> = Object.freeze({ get: 0, put: 1, delete: 2, scan: 3, batch: 4 });

/** OP_NAMES[code] is the op type with that code. */
export const OP_NAMES: readonly OpType[] = Object.freeze(['get', 'put', 'delete', 'scan', 'batch'] as const);

export interface OpTrace {
  readonly length: number;
  /** Op codes (OP_CODES), one per op. */
  readonly ops: Uint8Array;
  /**
   * Item indices (keys.ts keyOf turns them into keys), one per op: the key
   * of a get, put or delete, the start of a scan, the first key of a batch.
   */
  readonly keys: Uint32Array;
  /** The put at position i writes values[i % values.length]; so does a batch's first put (see batchWrites). */
  readonly values: readonly Uint8Array[];
  /** Records the keys were drawn from: a batch's consecutive keys wrap at this count. */
  readonly records: number;
  /** Puts per batch op. */
  readonly batchSize: number;
}

export interface TraceOptions {
  readonly mix: OpMix;
  readonly operations: number;
  readonly distribution: KeyDistribution;
  readonly records: number;
  readonly valueBytes: number;
  /** Seeds the op, key and value draws. */
  readonly seed: number;
  /**
   * Seeds which keys are hot (the scrambled-zipfian permutation). Pass the
   * dataset's seed so the warmup trace warms the same hot keys the measured
   * trace hits; default: derived from `seed`.
   */
  readonly popularitySeed?: number;
  /** Distinct put values, reused round-robin; default 256. */
  readonly valuePoolSize?: number;
  /** Puts per batch op; default DEFAULT_BATCH_SIZE. */
  readonly batchSize?: number;
  /** 'first-key': every scan starts at record 0 (its key is still drawn, so the other ops' keys do not change); default 'drawn-key'. */
  readonly scanStart?: ScanStart;
}

const DEFAULT_VALUE_POOL_SIZE = 256;

/**
 * What a storage scenario fixes about its traces; the measured and the
 * warmup trace add their own op count and draw seed. Key popularity is
 * seeded by the dataset's seed, so both hit the same hot keys.
 */
export function scenarioTraceOptions(scenario: Pick<StorageScenario, 'dataset' | 'workload'>): Omit<TraceOptions, 'operations' | 'seed'> {
  const { dataset, workload } = scenario;
  return {
    mix: workload.mix,
    distribution: dataset.keyDistribution,
    records: dataset.records,
    valueBytes: dataset.valueBytes,
    popularitySeed: dataset.seed,
    batchSize: workload.batchSize ?? DEFAULT_BATCH_SIZE,
    scanStart: workload.scanStart ?? 'drawn-key',
  };
}

/**
 * The mix as fractions summing to 1, only op types with weight > 0, in
 * OP_TYPES order. Throws on unknown op types, negative or non-finite weights,
 * or a zero sum.
 */
export function declaredMixFractions(mix: OpMix): Partial<Record<OpType, number>> {
  for (const name of Object.keys(mix)) {
    if (!(OP_TYPES as readonly string[]).includes(name)) {
      throw new RangeError(`op mix: unknown op type ${JSON.stringify(name)}; expected one of ${OP_TYPES.join(', ')}`);
    }
  }
  let total = 0;
  for (const type of OP_TYPES) {
    const weight = mix[type] ?? 0;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`op mix: ${type} must be a finite number >= 0, got ${String(weight)}`);
    }
    total += weight;
  }
  if (!(total > 0)) {
    throw new RangeError('op mix: the proportions must have a positive sum (e.g. { get: 70, put: 30 })');
  }
  const fractions: Partial<Record<OpType, number>> = {};
  for (const type of OP_TYPES) {
    const weight = mix[type] ?? 0;
    if (weight > 0) fractions[type] = weight / total;
  }
  return fractions;
}

export function buildTrace(options: TraceOptions): OpTrace {
  const { operations, records, valueBytes, seed } = options;
  const valuePoolSize = options.valuePoolSize ?? DEFAULT_VALUE_POOL_SIZE;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(operations) || operations < 0) {
    throw new RangeError(`trace: operations must be a non-negative integer, got ${String(operations)}`);
  }
  if (!Number.isInteger(records) || records < 1 || records > 0x1_0000_0000) {
    throw new RangeError(`trace: records must be an integer in [1, 2^32] (keys are drawn from the loaded records), got ${String(records)}`);
  }
  if (!Number.isInteger(valueBytes) || valueBytes < 0) {
    throw new RangeError(`trace: valueBytes must be a non-negative integer, got ${String(valueBytes)}`);
  }
  if (!Number.isInteger(valuePoolSize) || valuePoolSize < 1) {
    throw new RangeError(`trace: valuePoolSize must be a positive integer, got ${String(valuePoolSize)}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`trace: batchSize must be a positive integer, got ${String(batchSize)}`);
  }

  // Cumulative thresholds; an op whose uniform draw falls below threshold k
  // (and above k-1) gets code k. The last op type with weight > 0 takes
  // whatever rounding leaves above the final threshold.
  const fractions = declaredMixFractions(options.mix);
  const codes: number[] = [];
  const thresholds: number[] = [];
  let cumulative = 0;
  for (const type of OP_TYPES) {
    const fraction = fractions[type];
    if (fraction === undefined) continue;
    cumulative += fraction;
    codes.push(OP_CODES[type]);
    thresholds.push(cumulative);
  }
  const lastCode = codes[codes.length - 1]!;

  // Independent streams per concern, so that e.g. changing the mix does not
  // change which values the puts write.
  const root = new Prng(seed);
  const opPrng = new Prng(root.nextUint32());
  const keyPrng = new Prng(root.nextUint32());
  const valuePrng = new Prng(root.nextUint32());

  const popularity = options.popularitySeed === undefined ? undefined : new Prng(options.popularitySeed);
  const chooser = createKeyChooser(options.distribution, records, keyPrng, popularity);
  const ops = new Uint8Array(operations);
  const keys = new Uint32Array(operations);
  const typeCount = codes.length;
  const scanFromFirst = options.scanStart === 'first-key';
  const SCAN = OP_CODES.scan;
  for (let i = 0; i < operations; i++) {
    let code = lastCode;
    if (typeCount > 1) {
      const u = opPrng.nextFloat();
      for (let k = 0; k < typeCount - 1; k++) {
        if (u < thresholds[k]!) {
          code = codes[k]!;
          break;
        }
      }
    }
    ops[i] = code;
    const key = chooser.next();
    keys[i] = scanFromFirst && code === SCAN ? 0 : key;
  }

  const values: Uint8Array[] = [];
  for (let v = 0; v < valuePoolSize; v++) {
    const value = new Uint8Array(valueBytes);
    valuePrng.fillBytes(value);
    values.push(value);
  }
  return { length: operations, ops, keys, values, records, batchSize };
}

/**
 * The writes of the batch op at trace position i: `batchSize` puts of the
 * consecutive records from the op's key, wrapping past the last record to
 * record 0, the j-th writing values[(i + j) % values.length]. Built when the
 * op runs, not stored in the trace (10^3 objects per op would not fit 10^6
 * ops); fresh objects every time, since a store may keep the array.
 * `keys[r]` is record r's key (the driver's prebuilt list).
 */
export function batchWrites(trace: OpTrace, i: number, keys: readonly string[]): WriteOp[] {
  const { values, records, batchSize } = trace;
  const valueCount = values.length;
  const writes: WriteOp[] = []; // pushed, not preallocated: a packed array, not a holey one
  let record = trace.keys[i]!;
  let value = i % valueCount;
  for (let j = 0; j < batchSize; j++) {
    writes.push({ type: 'put', key: keys[record]!, value: values[value]! });
    if (++record === records) record = 0;
    if (++value === valueCount) value = 0;
  }
  return writes;
}

/**
 * Items the first `operations` ops of the trace write or read as the driver
 * counts them: batchSize per batch op, one per other op. The progress total.
 */
export function traceItems(trace: OpTrace, operations: number): number {
  const end = Math.min(operations, trace.length);
  const BATCH = OP_CODES.batch;
  let batches = 0;
  for (let i = 0; i < end; i++) if (trace.ops[i] === BATCH) batches += 1;
  return end - batches + batches * trace.batchSize;
}
