/**
 * The storage subject's scenarios: a dataset, a workload and a warmup as
 * plain typed data (YCSB-style workloads as data), checked by
 * scenario-fields.ts before anything runs.
 */
import type { ScenarioBase } from '../../core/scenario.ts';

/** Key distributions, as YCSB names them (see harness/workload/distributions.ts). */
export type KeyDistribution =
  | { readonly kind: 'uniform' }
  /** Zipfian with the given constant (YCSB: 0.99); scrambled spreads the hot keys over the key space. */
  | { readonly kind: 'zipfian'; readonly constant: number; readonly scrambled: boolean }
  | { readonly kind: 'sequential' }
  /** Skewed towards the most recently inserted (highest) keys, zipfian with the given constant. */
  | { readonly kind: 'latest'; readonly constant: number };

/**
 * `batch` is one Store.batch() call of `batchSize` puts (StorageWorkload);
 * throughput and op counts count its items, its latency is the whole call
 * (harness/measure/driver.ts).
 */
export const OP_TYPES = ['get', 'put', 'delete', 'scan', 'batch'] as const;
export type OpType = (typeof OP_TYPES)[number];

/** Puts per batch op when a scenario gives no `batchSize`: big enough to amortise a transaction, small enough for naive. */
export const DEFAULT_BATCH_SIZE = 100;
/** 1 in this many ops is timed when a scenario gives no `latencySampleEvery`. */
export const DEFAULT_LATENCY_SAMPLE_EVERY = 8;
/** Entries per scan op when a scenario gives no `scanLength`. */
export const DEFAULT_SCAN_LENGTH = 100;

/**
 * Where a scan op starts: `drawn-key` at the op's key from the key
 * distribution (YCSB's scans); `first-key` at the smallest loaded key, so
 * that a scan with `scanLength >= records` reads the whole dataset.
 */
export const SCAN_STARTS = ['drawn-key', 'first-key'] as const;
export type ScanStart = (typeof SCAN_STARTS)[number];

/** Proportions per op type; they need not sum to 100 but must be >= 0 with a positive sum. */
export type OpMix = Readonly<Partial<Record<OpType, number>>>;

export interface StorageDataset {
  /** Records loaded before timing. */
  readonly records: number;
  readonly valueBytes: number;
  readonly keyDistribution: KeyDistribution;
  readonly seed: number;
}

export interface StorageWorkload {
  readonly mix: OpMix;
  /** Ops in the measured phase (the whole op sequence is generated up front). */
  readonly operations: number;
  /** Optional cap on the measured phase: it stops at `operations` or after this long, whichever comes first. */
  readonly durationMs?: number;
  /** Ops in flight at once; only asynchronous variants can use more than one. */
  readonly concurrency: number;
  /** Entries per scan op; default DEFAULT_SCAN_LENGTH (100). */
  readonly scanLength?: number;
  /** Where each scan starts; default 'drawn-key'. */
  readonly scanStart?: ScanStart;
  /**
   * Puts per batch op; default DEFAULT_BATCH_SIZE (100). A batch op writes
   * this many consecutive keys from its drawn key (wrapping at the last
   * record), and counts as this many items in throughput and op counts.
   */
  readonly batchSize?: number;
  /**
   * Time 1 in this many ops (a power of two); default 8, which keeps the two
   * clock reads (~110 ns each) small next to a fast store's op. Use 1 for
   * scenarios of few, slow ops (read-all-10k: 200 scans of milliseconds each),
   * where a tail percentile needs every sample and the clock costs nothing.
   */
  readonly latencySampleEvery?: number;
}

export interface Warmup {
  readonly operations: number;
  /** Warmup ends at `operations` or after this long, whichever comes first. */
  readonly maxDurationMs: number;
}

export interface StorageScenario extends ScenarioBase {
  readonly subject: 'storage';
  readonly dataset: StorageDataset;
  readonly workload: StorageWorkload;
  readonly warmup: Warmup;
}
