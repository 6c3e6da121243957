/**
 * GC pauses by kind, from V8's 'gc' performance entries
 * (https://nodejs.org/api/perf_hooks.html#garbage-collection-gc-details).
 * An entry's detail.kind (Node >= 16; the entry's own `kind` before that) is
 * the V8 GCType of one collection, one of Node's constants:
 * - NODE_PERFORMANCE_GC_MINOR (V8 kGCTypeScavenge): young generation;
 * - NODE_PERFORMANCE_GC_MAJOR (kGCTypeMarkSweepCompact): full mark-compact;
 * - NODE_PERFORMANCE_GC_INCREMENTAL (kGCTypeIncrementalMarking): a pause V8
 *   reports around incremental-marking work (the marking itself runs in
 *   small steps and on helper threads);
 * - NODE_PERFORMANCE_GC_WEAKCB (kGCTypeProcessWeakCallbacks): weak callbacks.
 * V8's 2 (kGCTypeMinorMarkSweep, only with --minor-ms) has no Node constant
 * and is counted as minor. The entry's duration is the main-thread pause
 * between V8's GC prologue and epilogue callbacks; concurrent marking and
 * sweeping on helper threads is not in it.
 */
import { constants } from 'node:perf_hooks';

export type GcKindName = 'minor' | 'major' | 'incremental' | 'weakcb' | 'other';

export const GC_KIND_NAMES: readonly GcKindName[] = ['minor', 'major', 'incremental', 'weakcb', 'other'];

/** V8's kGCTypeMinorMarkSweep (v8-callbacks.h); Node exports no constant for it. */
const V8_GC_TYPE_MINOR_MARK_SWEEP = 2;

export function gcKindName(kind: number | undefined): GcKindName {
  switch (kind) {
    case constants.NODE_PERFORMANCE_GC_MINOR:
    case V8_GC_TYPE_MINOR_MARK_SWEEP:
      return 'minor';
    case constants.NODE_PERFORMANCE_GC_MAJOR:
      return 'major';
    case constants.NODE_PERFORMANCE_GC_INCREMENTAL:
      return 'incremental';
    case constants.NODE_PERFORMANCE_GC_WEAKCB:
      return 'weakcb';
    default:
      return 'other';
  }
}

export interface GcKindSummary {
  readonly count: number;
  /** Integer nanoseconds (entries carry fractional milliseconds). */
  readonly totalPauseNs: number;
  readonly longestPauseNs: number;
}

/** What is read from a 'gc' PerformanceEntry. */
export interface GcEntryLike {
  readonly duration: number;
  readonly detail?: unknown;
  /** Deprecated location of the kind (Node < 16), read when detail has none. */
  readonly kind?: number;
}

function kindOf(entry: GcEntryLike): number | undefined {
  const detail = entry.detail as { kind?: unknown } | null | undefined;
  if (detail && typeof detail.kind === 'number') return detail.kind;
  return typeof entry.kind === 'number' ? entry.kind : undefined;
}

/** Every kind is present (zeros when none happened), so tables line up across variants. */
export function summarizeGcByKind(entries: Iterable<GcEntryLike>): Record<GcKindName, GcKindSummary> {
  const acc = Object.fromEntries(GC_KIND_NAMES.map((name) => [name, { count: 0, totalPauseNs: 0, longestPauseNs: 0 }])) as Record<
    GcKindName,
    { count: number; totalPauseNs: number; longestPauseNs: number }
  >;
  for (const entry of entries) {
    const summary = acc[gcKindName(kindOf(entry))];
    const pauseNs = Math.round(entry.duration * 1_000_000);
    summary.count += 1;
    summary.totalPauseNs += pauseNs;
    summary.longestPauseNs = Math.max(summary.longestPauseNs, pauseNs);
  }
  return acc;
}
