/**
 * What a storage job measures (JobResult.measure of the storage subject):
 * throughput, latency per op type from sampled ops, the timeline, memory,
 * GC and the variant's counters over the measured phase.
 */
import type { JobResult, LatencySummary, MemoryResult, RunResults, RuntimeFigures } from '../../core/results.ts';
import type { OpType } from './scenario.ts';

export interface OpTypeResult {
  readonly count: number;
  readonly latency: LatencySummary | null;
}

export interface TimelinePoint {
  /** Since the start of the measured phase. */
  readonly tMs: number;
  readonly opsPerSec: number;
}

export interface MeasureResult extends RuntimeFigures {
  readonly operations: number;
  /** Wall time of the measured phase, including the closing flush. */
  readonly durationNs: number;
  /** The closing store.flush() (pending writes committed and made durable), part of durationNs. */
  readonly flushNs: number;
  /** Ops completed / measured-phase wall time; no per-op clock reads are involved. */
  readonly throughputOpsPerSec: number;
  /** How latency was taken, in words for the report (e.g. "1 in 16 ops timed"). */
  readonly latencySampling: string;
  readonly latencySampleEvery: number;
  /**
   * Which ops were timed: those at trace positions i with
   * i mod latencySampleEvery === latencySampleOffset, drawn from the dataset
   * seed and the repeat number (measure/sample-offset.ts). Absent in results
   * written before it was recorded, when every repeat timed offset 0.
   */
  readonly latencySampleOffset?: number;
  readonly opTypes: Readonly<Partial<Record<OpType, OpTypeResult>>>;
  /** Fractions (0..1) per op type, as declared by the scenario and as executed. */
  readonly declaredMix: Readonly<Partial<Record<OpType, number>>>;
  readonly achievedMix: Readonly<Partial<Record<OpType, number>>>;
  readonly timeline: readonly TimelinePoint[];
  readonly memory: MemoryResult;
  /** Variant counters over the measured phase only (deltas). */
  readonly counters: Readonly<Record<string, number>>;
  /** cacheHits / (cacheHits + cacheMisses) when the variant counts them. */
  readonly hitRatio: number | null;
}

export interface PhaseTimes {
  readonly openMs: number;
  readonly loadMs: number;
  readonly verifyMs: number;
  readonly warmupMs: number;
  readonly warmupOperations: number;
  /** Storage jobs: checking the store against a replay of the ops it ran, after the measured phase (absent in older results and balance jobs). */
  readonly verifyAfterMs?: number;
  readonly closeMs: number;
}


/** A storage job's result and a storage run's results, with their measure typed. */
export type StorageJobResult = JobResult<MeasureResult>;
export type StorageRunResults = RunResults<MeasureResult>;
