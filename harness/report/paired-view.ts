/**
 * The paired gate (--against) as every format shows it: the two sides with
 * their commits, the outcome, the settings, and one row per cell, worse
 * first, then undecided, better and same. Pure: built from results.paired.
 */
import { formatInUnit, formatPValue, formatSignedPercent } from '../core/format.ts';
import { SIDE_A_FOLDER, type PairedCell, type PairedDecision, type PairedRecord } from '../gate/paired-records.ts';
import type { Tone } from './tone.ts';
import type { RunResults } from '../core/results.ts';
import { selfTimeMoves, type SelfTimeMove } from '../profile/self-time-diff.ts';

export interface PairedRow {
  readonly id: string;
  readonly variant: string;
  readonly metric: string;
  readonly medianA: string;
  readonly medianB: string;
  /** B / A − 1 as the Hodges-Lehmann estimate, e.g. "−9.4%". */
  readonly change: string;
  /** Its interval, e.g. "[−10.9%, −8.1%]", or "unbounded" with too few pairs. */
  readonly interval: string;
  readonly p: string;
  readonly adjustedP: string;
  readonly decision: PairedDecision;
  readonly decisionText: string;
  readonly tone: Tone;
  /** Undecided cells: "needs about 18 pairs". */
  readonly note: string;
  /** B / A per pair, for the small plot. */
  readonly pairRatios: readonly number[];
  /** The threshold band on the ratio scale: [1/(1+t), 1+t]. */
  readonly band: readonly [number, number];
}

/** Where CPU time moved between the sides, per variant profiled on both (--against --profile cpu). */
export interface ProfileMoves {
  readonly variant: string;
  /** Largest moves first, at most MAX_MOVES. */
  readonly moves: readonly SelfTimeMove[];
  /** The two CPU profiles, relative to the run folder (side A's under side-A/). */
  readonly profileA: string | null;
  readonly profileB: string | null;
}

const MAX_MOVES = 8;

export interface PairedView {
  readonly record: PairedRecord;
  readonly profileMoves: readonly ProfileMoves[];
  readonly tone: Tone;
  readonly headline: string;
  readonly sideA: string;
  readonly sideB: string;
  readonly settings: string;
  readonly rows: readonly PairedRow[];
}

const ORDER: Readonly<Record<PairedDecision, number>> = { worse: 0, undecided: 1, better: 2, same: 3 };
const TONE: Readonly<Record<PairedDecision, Tone>> = { worse: 'bad', undecided: 'warn', better: 'good', same: 'plain' };

function decisionText(cell: PairedCell, threshold: string): string {
  switch (cell.decision) {
    case 'worse':
      return `worse by more than ${threshold}`;
    case 'better':
      return `better by more than ${threshold}`;
    case 'same':
      return `same (within ±${threshold})`;
    case 'undecided':
      return 'undecided';
  }
}

function rowOf(cell: PairedCell, record: PairedRecord): PairedRow {
  const threshold = formatSignedPercent(record.threshold).replace('+', '');
  const bounded = cell.lower !== null && cell.upper !== null;
  return {
    id: `${cell.variant}/${cell.metric}`,
    variant: cell.variant,
    metric: cell.label,
    medianA: formatInUnit(cell.medianA, cell.unit),
    medianB: formatInUnit(cell.medianB, cell.unit),
    change: formatSignedPercent(cell.ratio - 1),
    interval: bounded ? `[${formatSignedPercent(cell.lower! - 1)}, ${formatSignedPercent(cell.upper! - 1)}]` : 'unbounded (too few pairs)',
    p: formatPValue(cell.pValue),
    adjustedP: formatPValue(cell.adjustedPValue),
    decision: cell.decision,
    decisionText: decisionText(cell, threshold),
    tone: TONE[cell.decision],
    note:
      cell.decision !== 'undecided'
        ? ''
        : cell.pairsNeeded === null
          ? 'its change sits on the threshold: more pairs will not decide it'
          : `needs about ${cell.pairsNeeded} pairs`,
    pairRatios: cell.pairs.map((p) => p.b / p.a),
    band: [1 / (1 + record.threshold), 1 + record.threshold],
  };
}

function sideText(side: PairedRecord['sides'][number]): string {
  const commit = side.commit.slice(0, 12);
  return side.side === 'A' ? `${side.label} (${commit})` : `working tree at ${commit}${side.dirty ? ' with uncommitted changes' : ''}`;
}

function cpuProfilePath(job: RunResults['results'][number] | undefined, prefix: string): string | null {
  const artifact = job?.findings?.artifacts.find((a) => a.kind === 'cpu' && a.path !== null);
  return artifact?.path ? `${prefix}${artifact.path}` : null;
}

/** Per variant with an ok CPU profile on both sides, the functions whose share of the profile moved most. */
function profileMovesOf(results: RunResults, sideAFolder: string): ProfileMoves[] {
  const cpuJobs = results.results.filter((r) => r.profile?.kind === 'cpu' && r.status === 'ok' && r.findings?.selfTime);
  const variants = [...new Set(cpuJobs.map((r) => r.variant))];
  return variants.flatMap((variant) => {
    const a = cpuJobs.find((r) => r.variant === variant && r.side === 'A');
    const b = cpuJobs.find((r) => r.variant === variant && r.side !== 'A');
    if (a === undefined || b === undefined) return [];
    return [{
      variant,
      moves: selfTimeMoves(a.findings!.selfTime!, b.findings!.selfTime!).slice(0, MAX_MOVES),
      profileA: cpuProfilePath(a, `${sideAFolder}/`),
      profileB: cpuProfilePath(b, ''),
    }];
  });
}

export function pairedView(record: PairedRecord, results: RunResults): PairedView {
  const rows = [...record.cells]
    .sort((a, b) => ORDER[a.decision] - ORDER[b.decision])
    .map((cell) => rowOf(cell, record));
  const count = (decision: PairedDecision): number => record.cells.filter((c) => c.decision === decision).length;
  const headline =
    record.outcome === 'regressed'
      ? `REGRESSED: ${count('worse')} of ${record.cells.length} cells worse than ${record.sides[0].label} by more than ${formatSignedPercent(record.threshold).replace('+', '')}`
      : record.outcome === 'undecided'
        ? `UNDECIDED: ${count('undecided')} of ${record.cells.length} cells could not be decided in ${record.pairs} pairs (${record.stoppedBecause})`
        : `pass: every cell within ±${formatSignedPercent(record.threshold).replace('+', '')} of ${record.sides[0].label} or better (${record.pairs} pairs)`;
  const confidence = (1 - record.alpha / Math.max(1, record.cells.length)) * 100;
  return {
    record,
    profileMoves: profileMovesOf(results, SIDE_A_FOLDER),
    tone: record.outcome === 'regressed' ? 'bad' : record.outcome === 'undecided' ? 'warn' : 'good',
    headline,
    sideA: sideText(record.sides[0]),
    sideB: sideText(record.sides[1]),
    settings:
      `threshold ±${formatSignedPercent(record.threshold).replace('+', '')} (symmetric on a log scale), metrics ${record.metrics.join(', ')}, ` +
      `${record.pairs} pairs in ABBA order (${record.stoppedBecause}${record.budgetSeconds === null ? '' : `, budget ${record.budgetSeconds} s`}); ` +
      `each interval at ${Number(confidence.toPrecision(4))}% (α ${record.alpha} over ${record.cells.length} cells, Bonferroni)`,
    rows,
  };
}
