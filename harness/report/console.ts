/**
 * The plain-text summary printed at the end of a run: one row per variant and
 * the harness overhead (storage), or the SQL reference query and whether the
 * outputs agree (balance); then the run's target checks and baseline gate
 * (console-checks.ts). No colour unless asked for (`color: true`), so logs
 * and CI output stay clean.
 */
import type { BalanceRunSummary, BalanceVariantSummary } from '../subjects/balance/summary.ts';
import type { Estimate, FailedJob, OpLatency, VariantSummary } from '../subjects/storage/summary.ts';
import { runCompleteness } from '../core/completeness.ts';
import type { ReportModel } from './model.ts';
import { MISSING, formatCount, formatMs, formatNs, formatOpsPerSec, formatPercent, formatRatio } from '../core/format.ts';
import { renderChecksConsole } from './console-checks.ts';
import { ANSI, padCells, painter, plain } from './console-text.ts';
import { UNSUPPORTED_PERCENTILE_LEGEND, isUnsupportedPercentile, markPercentile, samplesText } from './percentile-mark.ts';

export interface ConsoleOptions {
  /** ANSI colour for status and speedups; default false. */
  readonly color?: boolean;
}

/**
 * "median ± CI": the CI's larger distance from the median as a percentage of
 * the median. Bootstrap intervals need not be symmetric; taking the larger
 * side never overstates precision. The HTML report shows both ends.
 */
export function ciHalfWidthPercent(median: number, low: number, high: number): number {
  return (Math.max(median - low, high - median) / median) * 100;
}

function throughputText(v: VariantSummary): string {
  const t = v.throughput;
  if (!t) return MISSING;
  if (!t.interval || t.median <= 0) return formatOpsPerSec(t.median);
  return `${formatOpsPerSec(t.median)} ±${ciHalfWidthPercent(t.median, t.interval.low, t.interval.high).toFixed(1)}%`;
}

/** A p99 cell: "≈3.34 ms (n=20)" when its timed ops are too few to support it, else the value. */
function p99Text(latency: OpLatency | undefined): string {
  if (latency === undefined) return MISSING;
  const text = markPercentile(formatNs(latency.p99Ns), latency.samples, 99);
  return isUnsupportedPercentile(latency.samples, 99) ? `${text} (${samplesText(latency.samples)})` : text;
}

function statusText(v: { readonly okJobs: number; readonly failedJobs: readonly FailedJob[]; readonly notRunJobs: number }): string {
  const ran = v.okJobs + v.failedJobs.length;
  const total = ran + v.notRunJobs;
  if (ran === 0) return v.notRunJobs > 0 ? 'not run' : 'no repeat';
  const notRun = v.notRunJobs > 0 ? `, ${v.notRunJobs} not run` : '';
  if (v.failedJobs.length === 0) return `ok ${v.okJobs}/${total}${notRun}`;
  const phases = [...new Set(v.failedJobs.map((f) => `${f.status} in ${plain(f.phase)}`))].join(', ');
  return `${v.okJobs === 0 ? 'FAILED' : 'partly failed'} ${v.okJobs}/${total} ok (${phases})${notRun}`;
}

/** A first line that no one can miss when part of the plan never ran. */
function stoppedEarlyLine(model: ReportModel): string | null {
  const c = runCompleteness(model.results);
  if (!c.stoppedEarly) return null;
  return `STOPPED EARLY: ${c.finished} of ${c.planned} planned jobs ran; the figures below cover only those`;
}

/** The subject's table, then the run's checks (targets, baseline gate) when it had any. */
export function renderConsoleSummary(model: ReportModel, options: ConsoleOptions = {}): string {
  const summary = model.results.scenario.subject === 'balance' ? renderBalanceConsole(model, options) : renderStorageConsole(model, options);
  const stopped = stoppedEarlyLine(model);
  const warning = stopped === null ? '' : `${painter(options.color)(ANSI.red, stopped)}\n`;
  return warning + summary + renderChecksConsole(model.results, options);
}

function renderStorageConsole(model: ReportModel, options: ConsoleOptions): string {
  const { summary, results } = model;
  const paint = painter(options.color);
  const header = [
    'variant',
    'throughput (median ± CI)',
    summary.baselineVariant === null ? 'speedup' : `vs ${plain(summary.baselineVariant)}`,
    'get p99',
    'put p99',
    'hit ratio',
    'status',
  ];
  const rows = summary.variants.map((v) => [
    plain(v.variant),
    throughputText(v),
    v.speedup ? formatRatio(v.speedup.ratio) : MISSING,
    p99Text(v.latency.get),
    p99Text(v.latency.put),
    formatPercent(v.hitRatio),
    statusText(v),
  ]);
  const lines = padCells([header, ...rows], new Set([1, 2, 3, 4, 5]));
  const rule = '-'.repeat(Math.max(...lines.map((l) => [...l].length)));
  const body = lines.slice(1).map((line, i) => {
    const v = summary.variants[i]!;
    return v.failedJobs.length > 0 ? paint(ANSI.red, line) : line;
  });
  const out = [
    `${plain(results.scenario.name)} · run ${plain(results.runId)}${results.options.quick ? ' · quick mode' : ''}`,
    lines[0]!,
    rule,
    ...body,
    rule,
  ];
  if (summary.baselineVariant === null) out.push(paint(ANSI.dim, 'no naive variant ran: speedups not computed'));
  const thin = summary.variants.some((v) => (['get', 'put'] as const).some((op) => isUnsupportedPercentile(v.latency[op]?.samples, 99)));
  if (thin) out.push(`${UNSUPPORTED_PERCENTILE_LEGEND} n: timed ops of that type over the ok repeats.`);
  const o = summary.overhead;
  if (o) {
    const share =
      o.fastestVariant !== null && o.fastestNsPerOp !== null
        ? `, ${formatPercent(o.shareOfFastest)} of the fastest variant (${plain(o.fastestVariant)}, ${formatNs(o.fastestNsPerOp)}/op)`
        : '';
    out.push(`harness overhead: no-op store ${formatNs(o.nsPerOp)}/op${share}`);
  } else {
    out.push('harness overhead: not measured');
  }
  const noisy = summary.variants.filter((v) => v.throughput !== null && v.throughput.n > 1 && v.throughput.cv > NOISY_CV);
  if (noisy.length > 0) {
    out.push(
      `note: throughput CV above ${formatPercent(NOISY_CV, 0)} for ${noisy.map((v) => `${plain(v.variant)} (${formatPercent(v.throughput!.cv)})`).join(', ')}: ` +
        'the machine was busy or the variant is unstable; run again or with more --repeats before trusting small differences',
    );
  }
  return `${out.join('\n')}\n`;
}

/** Above this coefficient of variation across repeats a figure is called noisy (README: "reading a report"). */
const NOISY_CV = 0.05;

// ---------------------------------------------------------------- balance

function timeText(e: Estimate | null): string {
  if (!e) return MISSING;
  if (!e.interval || e.median <= 0) return formatMs(e.median);
  return `${formatMs(e.median)} ±${ciHalfWidthPercent(e.median, e.interval.low, e.interval.high).toFixed(1)}%`;
}

function verifiedText(v: BalanceVariantSummary): string {
  if (v.matchesExpected === true) return 'yes';
  if (v.matchesExpected === false) return 'NO';
  return MISSING;
}

function agreementLine(balance: BalanceRunSummary): string {
  if (!balance.outputsAgree) return `OUTPUTS DISAGREE: ${balance.disagreements.map(plain).join('; ') || 'no detail recorded'}`;
  return balance.variants.some((v) => v.okJobs > 0) ? 'outputs: byte-identical across every ok job' : 'outputs: none to compare (no job finished)';
}

function renderBalanceConsole(model: ReportModel, options: ConsoleOptions): string {
  const { results } = model;
  const balance = model.balance;
  const paint = painter(options.color);
  const title = `${plain(results.scenario.name)} · run ${plain(results.runId)}${results.options.quick ? ' · quick mode' : ''}`;
  if (balance === null) return `${title}\nno balance analysis in this report\n`;
  const header = [
    'variant',
    'end to end (median ± CI)',
    balance.baselineVariant === null ? 'speedup' : `vs ${plain(balance.baselineVariant)}`,
    'vs SQL',
    'cold slot mapping',
    'verified',
    'status',
  ];
  const rows = balance.variants.map((v) => [
    plain(v.variant),
    timeText(v.endToEndMs),
    v.speedup ? formatRatio(v.speedup.ratio) : MISSING,
    formatRatio(v.vsReference),
    formatMs(v.coldSlotMappingMs?.median ?? null),
    verifiedText(v),
    statusText(v),
  ]);
  const lines = padCells([header, ...rows], new Set([1, 2, 3, 4]));
  const rule = '-'.repeat(Math.max(...lines.map((l) => [...l].length)));
  const body = lines.slice(1).map((line, i) => {
    const v = balance.variants[i]!;
    return v.failedJobs.length > 0 || v.matchesExpected === false ? paint(ANSI.red, line) : line;
  });
  const out = [title, lines[0]!, rule, ...body, rule];
  if (balance.baselineVariant === null) out.push(paint(ANSI.dim, 'no naive variant ran: speedups not computed'));
  const r = balance.referenceQueryMs;
  out.push(
    r
      ? `SQL reference query: ${timeText(r)} (bare latest-value query, median of ${r.n} job${r.n === 1 ? '' : 's'}${balance.referenceRows === null ? '' : `, ${formatCount(balance.referenceRows)} rows`}); vs SQL = a variant's time / this`
      : 'SQL reference query: not measured',
  );
  const agreement = agreementLine(balance);
  out.push(balance.outputsAgree ? agreement : paint(ANSI.red, agreement));
  return `${out.join('\n')}\n`;
}
