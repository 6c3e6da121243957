/**
 * The target checks (results.targets) as plain text, computed once for the
 * HTML, console and Markdown renderers, which only escape and lay it out.
 *
 * Order: failures first (what needs doing), then checks without data (a
 * target that could not be checked is not a pass), then passes, then
 * targets of scenarios that do not exist yet, which renderers collapse.
 */
import type { TargetCheck, TargetStatus } from '../gate/target-checks.ts';
import type { TargetsRecord } from '../gate/records.ts';
import { MISSING } from '../core/format.ts';
import type { Tone } from './tone.ts';
import type { TimedOps } from '../core/timed-ops.ts';
import type { TargetPercentile } from '../../targets/define.ts';
import { DEFAULT_TARGET_PERCENTILE } from '../../targets/define.ts';
import { FEW_SAMPLES_MARK, UNSUPPORTED_PERCENTILE_LEGEND, isUnsupportedPercentile, samplesText } from './percentile-mark.ts';

export const TARGET_STATUS_ORDER: readonly TargetStatus[] = ['fail', 'undecided', 'no data', 'pass', 'no scenario'];

export const TARGET_TONE: Readonly<Record<TargetStatus, Tone>> = {
  fail: 'bad',
  undecided: 'warn',
  'no data': 'warn',
  pass: 'good',
  'no scenario': 'muted',
};

export interface TargetRow {
  readonly check: TargetCheck;
  readonly status: TargetStatus;
  readonly tone: Tone;
  /** "kv-mixed · cached · throughput" */
  readonly target: string;
  /** TargetCheck.target.source, when set. */
  readonly source: string | null;
  readonly bound: string;
  /** Value with its interval, or MISSING; "≈" before a latency percentile too few timed ops support. */
  readonly measured: string;
  readonly note: string | null;
  /** A latency percentile too few timed ops support (marked in `measured`, explained in `note`). */
  readonly unsupported: boolean;
}

export interface TargetsView {
  readonly name: string;
  readonly file: string;
  readonly counts: Readonly<Record<TargetStatus, number>>;
  /** "1 failed, 2 passed, 1 no data, 15 no scenario" */
  readonly countsText: string;
  /** Whether --check made a failed target fail the run, in words. */
  readonly enforcement: string;
  readonly enforced: boolean;
  /** Every check but "no scenario", in TARGET_STATUS_ORDER (stable within a status). */
  readonly rows: readonly TargetRow[];
  /** The "no scenario" checks, kept apart because they can be many. */
  readonly noScenario: readonly TargetRow[];
  /** The scenarios those belong to, in first-seen order. */
  readonly missingScenarios: readonly string[];
  /** The legend of the "≈" mark when some row has it, else null. */
  readonly samplesLegend: string | null;
}

const TARGET_PERCENTILES: Readonly<Record<TargetPercentile, number | null>> = { p50: 50, p90: 90, p99: 99, p999: 99.9, max: null };

/**
 * A latency target reads the percentile of the run's merged histogram (analysis/targets.ts):
 * the timed ops of the run's repeats decide whether it is supported. Null when it is, or is not a latency target.
 */
function unsupportedSamples(check: TargetCheck, timedOps: TimedOps | null): number | null {
  const target = check.target;
  if (target.metric !== 'latency' || check.measured === null || timedOps === null || check.scenario !== timedOps.scenario) return null;
  const percentile = TARGET_PERCENTILES[target.percentile ?? DEFAULT_TARGET_PERCENTILE];
  if (percentile === null) return null;
  const n = timedOps.merged(check.variant, target.op);
  return isUnsupportedPercentile(n, percentile) ? n : null;
}

function rowOf(check: TargetCheck, timedOps: TimedOps | null): TargetRow {
  const thin = unsupportedSamples(check, timedOps);
  const measured = check.measured?.text ?? MISSING;
  const samplesNote = thin === null ? null : `${FEW_SAMPLES_MARK} ${samplesText(thin)} timed ops: too few to support this percentile`;
  return {
    check,
    status: check.status,
    tone: TARGET_TONE[check.status],
    target: check.description,
    source: check.target.source ?? null,
    bound: check.bound,
    measured: thin === null ? measured : `${FEW_SAMPLES_MARK}${measured}`,
    note: [check.note, samplesNote].filter((n): n is string => n !== null).join('; ') || null,
    unsupported: thin !== null,
  };
}

function countTargetStatuses(checks: readonly TargetCheck[]): Record<TargetStatus, number> {
  const counts: Record<TargetStatus, number> = { fail: 0, undecided: 0, 'no data': 0, pass: 0, 'no scenario': 0 };
  for (const check of checks) counts[check.status]++;
  return counts;
}

/** Failed and passed always (a zero there is news); undecided, no data and no scenario when there are any. */
function countsTextOf(counts: Readonly<Record<TargetStatus, number>>): string {
  const parts = [`${counts.fail} failed`, `${counts.pass} passed`];
  if (counts.undecided > 0) parts.push(`${counts.undecided} undecided`);
  if (counts['no data'] > 0) parts.push(`${counts['no data']} no data`);
  if (counts['no scenario'] > 0) parts.push(`${counts['no scenario']} no scenario`);
  return parts.join(', ');
}

/** `timedOps`: the run's timed-op counts (analysis/timed-ops.ts), to mark latency percentiles they do not support; null marks none. */
export function targetsView(record: TargetsRecord, timedOps: TimedOps | null): TargetsView {
  const rank = (status: TargetStatus): number => TARGET_STATUS_ORDER.indexOf(status);
  // Array.prototype.sort is stable (ES2019), so checks keep the set's order within a status.
  const ordered = [...record.checks].sort((a, b) => rank(a.status) - rank(b.status)).map((check) => rowOf(check, timedOps));
  const noScenario = ordered.filter((row) => row.status === 'no scenario');
  const counts = countTargetStatuses(record.checks);
  return {
    name: record.name,
    file: record.file,
    counts,
    countsText: countsTextOf(counts),
    enforced: record.enforced,
    enforcement: record.enforced
      ? 'enforced (--check): a failed target makes the run exit 3'
      : 'not enforced: with --check a failed target makes the run exit 3',
    rows: ordered.filter((row) => row.status !== 'no scenario'),
    noScenario,
    missingScenarios: [...new Set(noScenario.map((row) => row.check.scenario))],
    samplesLegend: ordered.some((row) => row.unsupported)
      ? `${UNSUPPORTED_PERCENTILE_LEGEND} n: timed ops of that type over the run's ok repeats.`
      : null,
  };
}
