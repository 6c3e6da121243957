/**
 * How many ops were timed, per variant and op type, for judging the
 * latency percentiles read from them (latency.ts percentileSupport). Two
 * counts, because the report reads percentiles two ways: the summary and the
 * targets from the histograms of the run's repeats merged, the gate from
 * each repeat's own histogram (cell-metrics.ts). Pure; from results.json
 * alone, so a re-rendered report marks the same values.
 */
import type { TimedOps } from '../subject.ts';
import type { OpType } from './scenario.ts';
import { isRunRepeat, isTimedRepeat } from '../../core/results.ts';
import type { StorageRunResults } from './measure.ts';
import { type MeasureResult } from './measure.ts';


export function timedOpsOf(results: StorageRunResults): TimedOps {
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
