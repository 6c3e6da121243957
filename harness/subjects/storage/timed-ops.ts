/**
 * How many ops were timed, per variant and op type, for judging the
 * latency percentiles read from them (latency.ts percentileSupport). Two
 * counts, because the report reads percentiles two ways: the summary and the
 * targets from the histograms of the run's repeats merged, the gate from
 * each repeat's own histogram (cell-metrics.ts). Pure; from results.json
 * alone, so a re-rendered report marks the same values.
 */
import type { OpType } from '../../plan/scenario.ts';
import { isRunRepeat, isTimedRepeat, type MeasureResult, type RunResults } from '../../core/results.ts';

export interface TimedOps {
  /** The run's scenario: the counts are of its jobs only. */
  readonly scenario: string;
  /** Timed ops over the run's own ok repeats: what the merged percentiles rest on; null when none was timed. */
  merged(variant: string, op: OpType): number | null;
  /** The fewest timed ops in one ok timed repeat (confirmation rounds included): what each per-repeat percentile rests on at worst. */
  fewestPerRepeat(variant: string, op: OpType): number | null;
}

export function timedOpsOf(results: RunResults): TimedOps {
  const merged = new Map<string, number>();
  const fewest = new Map<string, number>();
  for (const result of results.results) {
    if (!isTimedRepeat(result) || result.status !== 'ok' || result.measure === null) continue;
    for (const [op, opResult] of Object.entries(result.measure.opTypes) as [OpType, MeasureResult['opTypes'][OpType]][]) {
      const samples = opResult?.latency?.samples;
      if (samples === undefined) continue;
      const key = `${result.variant}\u0000${op}`;
      if (isRunRepeat(result)) merged.set(key, (merged.get(key) ?? 0) + samples);
      fewest.set(key, Math.min(fewest.get(key) ?? Infinity, samples));
    }
  }
  return {
    scenario: results.scenario.name,
    merged: (variant, op) => merged.get(`${variant}\u0000${op}`) ?? null,
    fewestPerRepeat: (variant, op) => fewest.get(`${variant}\u0000${op}`) ?? null,
  };
}
