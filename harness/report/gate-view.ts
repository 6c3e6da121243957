/**
 * The baseline gate (results.gate) as plain text, computed once for the
 * HTML, console and Markdown renderers, which only escape and lay it out.
 *
 * A cell's status refines its verdict with what the confirmation round
 * found (gate-record.ts): a regression the round reproduced is "confirmed";
 * a flagged cell it did not reproduce is "noise (not reproduced)", whatever
 * its pooled verdict, because the gate does not count it; a cell worse
 * beyond its threshold but not significant is "suspect".
 */
import { cellId, cellMetricInfo, type CellCatalogue } from '../gate/cells.ts';
import type { CellComparison } from '../gate/compare.ts';
import { CORRECTION_NAMES } from '../stats/multiple-testing.ts';
import type { GateRecord } from '../gate/records.ts';
import {
  MISSING,
  formatInUnit,
  formatOpsPerSec,
  formatPValue,
  formatPercent,
  formatSigned,
  formatSignedPercent,
  formatTimestamp,
} from '../core/format.ts';
import type { Tone } from './tone.ts';
import { describeReason } from './gate-wording.ts';
import type { TimedOps } from '../core/timed-ops.ts';
import { FEW_SAMPLES_MARK, UNSUPPORTED_PERCENTILE_LEGEND, isUnsupportedPercentile, samplesText } from './percentile-mark.ts';

export type CellStatus = 'confirmed' | 'regressed' | 'noise' | 'suspect' | 'improved' | 'unchanged' | 'not comparable';

const STATUS_TEXT: Readonly<Record<CellStatus, string>> = {
  confirmed: 'regressed · confirmed',
  regressed: 'regressed',
  noise: 'noise (not reproduced)',
  suspect: 'suspect',
  improved: 'improved',
  unchanged: 'unchanged',
  'not comparable': 'not comparable',
};

const STATUS_TONE: Readonly<Record<CellStatus, Tone>> = {
  confirmed: 'bad',
  regressed: 'bad',
  noise: 'muted',
  suspect: 'warn',
  improved: 'good',
  unchanged: 'plain',
  'not comparable': 'muted',
};

export interface GateCellRow {
  readonly cell: CellComparison;
  /** scenario/variant/metric */
  readonly id: string;
  /** The variant, prefixed with its scenario when the comparison spans several. */
  readonly where: string;
  /** cellMetricInfo's label ("p99 get"), or the raw metric id. */
  readonly metric: string;
  readonly baseline: string;
  /** Normalised to the baseline machine's speed; "≈" before it when too few timed ops support a latency percentile. */
  readonly current: string;
  /** For a marked latency cell: "n=40 per repeat", the fewest timed ops of one of this run's repeats; else null. */
  readonly currentSamples: string | null;
  /** The ratio of medians as a change: "−23.4%". */
  readonly delta: string;
  /** The ratio's interval as changes, "[−28.1, −19.0]", or null without one. */
  readonly deltaInterval: string | null;
  readonly p: string;
  readonly adjustedP: string;
  /** "±5%" */
  readonly threshold: string;
  readonly status: CellStatus;
  /** STATUS_TEXT, e.g. "regressed · confirmed". */
  readonly statusText: string;
  readonly tone: Tone;
  /** The cell's verdict reason in words (describeReason). */
  readonly reason: string;
}

export interface GateView {
  readonly record: GateRecord;
  /** "Gate: REGRESSED — 2 regressions confirmed against baseline 'ci'"; when not comparable, with the reasons. */
  readonly headline: string;
  /** The headline without the not-comparable reasons, for renderers that list them below it. */
  readonly title: string;
  readonly tone: Tone;
  /** "'ci' (reports/baselines/ci.json), saved 2025-01-01 12:00:00 UTC at commit 0123456789ab" */
  readonly baseline: string;
  readonly calibration: string;
  readonly falseAlarm: string;
  readonly confirmation: string;
  /** "Holm correction over 14 tested cells, α = 0.05" */
  readonly correction: string;
  /** How the gate was configured: threshold, metrics compared, confirmation repeats. */
  readonly settings: string;
  /** Comparison.note (sample-size limits), or null; null too when not comparable (the note would repeat the reasons). */
  readonly note: string | null;
  /** Every cell in Comparison.cells order (regressions first). */
  readonly rows: readonly GateCellRow[];
  readonly counts: Readonly<Record<CellStatus, number>>;
  /** The legend of the "≈" mark when some row has it (UNSUPPORTED_PERCENTILE_LEGEND and what n is here), else null. */
  readonly samplesLegend: string | null;
}

/** Cells a reader must look at: everything but plain unchanged. */
export function needsAttention(row: GateCellRow): boolean {
  return row.status !== 'unchanged';
}

export function cellStatus(cell: CellComparison, gate: GateRecord): CellStatus {
  const id = cellId(cell);
  if (gate.confirmation?.noise.includes(id)) return 'noise';
  if (cell.verdict === 'regressed') return gate.confirmation?.confirmed.includes(id) ? 'confirmed' : 'regressed';
  if (cell.verdict === 'unchanged' && cell.suspect) return 'suspect';
  return cell.verdict;
}

function thresholdText(threshold: number): string {
  return `±${formatPercent(threshold, threshold < 0.01 ? 1 : 0)}`;
}

/**
 * A latency cell's samples are per-repeat percentiles, each read from one
 * repeat's timed ops: the fewest of this run's repeats decides whether they
 * are supported. The baseline file keeps no counts, so its side is not
 * judged (it ran the same scenario).
 */
function currentSamplesOf(cell: CellComparison, timedOps: TimedOps | null, cells: CellCatalogue): number | null {
  const latency = cellMetricInfo(cells, cell.metric)?.latency;
  if (latency === undefined || timedOps === null || cell.scenario !== timedOps.scenario) return null;
  const n = timedOps.fewestPerRepeat(cell.variant, latency.op);
  return isUnsupportedPercentile(n, latency.percentile) ? n : null;
}

function rowOf(cell: CellComparison, gate: GateRecord, multiScenario: boolean, timedOps: TimedOps | null, cells: CellCatalogue): GateCellRow {
  const status = cellStatus(cell, gate);
  const interval = cell.interval;
  const thin = currentSamplesOf(cell, timedOps, cells);
  return {
    cell,
    id: cellId(cell),
    where: multiScenario ? `${cell.scenario}/${cell.variant}` : cell.variant,
    metric: cellMetricInfo(cells, cell.metric)?.label ?? cell.metric,
    baseline: formatInUnit(cell.baselineMedian, cell.unit),
    current: `${thin === null ? '' : FEW_SAMPLES_MARK}${formatInUnit(cell.currentMedian, cell.unit)}`,
    currentSamples: thin === null ? null : `${samplesText(thin)} per repeat`,
    delta: cell.ratio === null ? MISSING : formatSignedPercent(cell.ratio - 1),
    deltaInterval: interval === null ? null : `[${formatSigned((interval.low - 1) * 100)}, ${formatSigned((interval.high - 1) * 100)}]`,
    p: formatPValue(cell.pValue),
    adjustedP: formatPValue(cell.adjustedPValue),
    threshold: thresholdText(cell.noiseThreshold),
    status,
    statusText: STATUS_TEXT[status],
    tone: STATUS_TONE[status],
    reason: describeReason(cell.reason),
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function headlineOf(gate: GateRecord, counts: Readonly<Record<CellStatus, number>>): string {
  const name = `baseline '${gate.baseline.name}'`;
  const regressions = counts.confirmed + counts.regressed;
  switch (gate.outcome) {
    case 'regressed': {
      const confirmed = gate.confirmation === null ? '' : ' confirmed';
      return `Gate: REGRESSED — ${plural(regressions, 'regression')}${confirmed} against ${name}`;
    }
    case 'pass': {
      const parts = [plural(regressions, 'regression'), `${counts.improved} improved`, `${counts.unchanged} unchanged`];
      if (counts.suspect > 0) parts.push(`${counts.suspect} suspect`);
      if (counts.noise > 0) parts.push(`${counts.noise} noise`);
      if (counts['not comparable'] > 0) parts.push(`${counts['not comparable']} not comparable`);
      return `Gate: pass — ${parts.join(', ')} (${name})`;
    }
    case 'not comparable': {
      const reasons = gate.comparability.reasons.join('; ') || 'the environments differ';
      return `Gate: not comparable — ${reasons} (${name}); no cell can fail the gate`;
    }
  }
}

function titleOf(gate: GateRecord, headline: string): string {
  return gate.outcome === 'not comparable' ? `Gate: not comparable with baseline '${gate.baseline.name}': no cell can fail the gate` : headline;
}

function baselineText(gate: GateRecord): string {
  const b = gate.baseline;
  const commit = b.gitCommit === null ? 'no git commit recorded' : `commit ${b.gitCommit.slice(0, 12)}`;
  return `'${b.name}' (${b.file}), saved ${formatTimestamp(b.createdAt)} from run ${b.runId} at ${commit}`;
}

function calibrationText(gate: GateRecord): string {
  const c = gate.calibration;
  const ratio = Number.isFinite(c.ratio) ? c.ratio.toFixed(3) : MISSING;
  return (
    `calibration workload: baseline ${formatOpsPerSec(c.baselineOpsPerSec)}, now ${formatOpsPerSec(c.currentOpsPerSec)}, ` +
    `ratio ${ratio} (now ÷ baseline; above 1 this machine ran faster). Current samples were normalised by it: ` +
    `rates ÷ ${ratio}, durations × ${ratio}, memory as measured`
  );
}

function falseAlarmText(gate: GateRecord): string {
  const f = gate.falseAlarm;
  if (f === null) {
    return gate.settings.measuredNoise
      ? 'false-alarm rate not measured for these settings: calibrate-noise ran with another --noise-threshold, --metrics, --alpha or --correction'
      : 'false-alarm rate not measured: run calibrate-noise against this baseline to estimate it';
  }
  const rate = f.alarms > 0 ? ` (${formatPercent(f.rate, 0)})` : '';
  return (
    `calibrate-noise: ${f.alarms} of ${plural(f.runs, 'self-comparison')} alarmed${rate}; ` +
    `expected false-alarm rate ≤ ${formatPercent(f.upper95, 0)} (95% upper bound)`
  );
}

function confirmationText(gate: GateRecord): string {
  const c = gate.confirmation;
  if (c !== null) {
    return (
      `confirmation round: flagged ${plural(c.flagged.length, 'cell')} in ${c.variants.join(', ') || MISSING}; ` +
      `re-ran ${plural(c.repeats, 'repeat')} per variant; confirmed ${c.confirmed.length}; noise ${c.noise.length}` +
      ((c.inconclusive ?? []).length > 0 ? `; inconclusive ${c.inconclusive.length} (too few repeats to decide: see their reasons)` : '')
    );
  }
  if (gate.confirmationSkipped !== null) return `confirmation round skipped: ${gate.confirmationSkipped}`;
  if (!gate.comparability.comparable) return 'confirmation round: not run (nothing can be confirmed against a baseline that is not comparable)';
  return 'confirmation round: not needed (the first comparison flagged no cell)';
}

function settingsText(gate: GateRecord): string {
  const s = gate.settings;
  const threshold = `noise threshold ${thresholdText(s.noiseThreshold)}${s.measuredNoise ? ', raised per cell to the noise calibrate-noise measured' : ''}`;
  const metrics = `metrics: ${s.metrics === null ? 'all' : s.metrics.join(', ')}`;
  const confirm = s.confirmRepeats > 0 ? `confirmation round of ${plural(s.confirmRepeats, 'repeat')} per flagged variant` : 'no confirmation round';
  return `${threshold}; ${metrics}; ${confirm}`;
}

/**
 * `timedOps`: the run's timed-op counts (subject.gate.timedOps), to mark
 * latency cells too few timed ops support; null marks none. Only cells of
 * the run's own scenario are judged (a comparison may span others).
 * `cells`: the subject's cell metrics, for labels and percentiles.
 */
export function gateView(gate: GateRecord, timedOps: TimedOps | null, cells: CellCatalogue): GateView {
  const comparison = gate.comparison;
  const multiScenario = new Set(comparison.cells.map((c) => c.scenario)).size > 1;
  const rows = comparison.cells.map((cell) => rowOf(cell, gate, multiScenario, timedOps, cells));
  const counts: Record<CellStatus, number> = { confirmed: 0, regressed: 0, noise: 0, suspect: 0, improved: 0, unchanged: 0, 'not comparable': 0 };
  for (const row of rows) counts[row.status]++;
  const tone: Tone = gate.outcome === 'regressed' ? 'bad' : gate.outcome === 'pass' ? 'good' : 'warn';
  const headline = headlineOf(gate, counts);
  return {
    record: gate,
    headline,
    title: titleOf(gate, headline),
    tone,
    baseline: baselineText(gate),
    calibration: calibrationText(gate),
    falseAlarm: falseAlarmText(gate),
    confirmation: confirmationText(gate),
    settings: settingsText(gate),
    correction: `${CORRECTION_NAMES[comparison.correction]} correction over ${plural(comparison.familySize, 'tested cell')}, α = ${comparison.alpha}`,
    note: gate.comparability.comparable ? comparison.note : null,
    rows,
    counts,
    samplesLegend: rows.some((row) => row.currentSamples !== null)
      ? `${UNSUPPORTED_PERCENTILE_LEGEND} Gate cells compare per-repeat percentiles, so n is the fewest timed ops of one of this run's repeats; the baseline file keeps no counts.`
      : null,
  };
}

/** The throughput cell of a variant, for the per-variant summary table; null when the gate has none. */
export function throughputRowOf(view: GateView, scenario: string, variant: string): GateCellRow | null {
  return view.rows.find((row) => row.cell.scenario === scenario && row.cell.variant === variant && row.cell.metric === 'throughput') ?? null;
}

/** "−23.4% [−28.1, −19.0]" */
export function deltaWithInterval(row: GateCellRow): string {
  return row.deltaInterval === null ? row.delta : `${row.delta} ${row.deltaInterval}`;
}
