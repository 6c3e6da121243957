/**
 * The plain-text summary printed at the end of a run: one row per variant and
 * the harness overhead. No colour unless asked for (`color: true`), so logs
 * and CI output stay clean.
 */
import type { VariantSummary } from '../analysis/summary.ts';
import type { ReportModel } from './model.ts';
import { MISSING, formatNs, formatOpsPerSec, formatPercent, formatRatio } from './format.ts';

export interface ConsoleOptions {
  /** ANSI colour for status and speedups; default false. */
  readonly color?: boolean;
}

const ANSI = { red: '\u001b[31m', green: '\u001b[32m', dim: '\u001b[2m', reset: '\u001b[0m' } as const;

/**
 * "median ± CI": the CI's larger distance from the median as a percentage of
 * the median. Bootstrap intervals need not be symmetric; taking the larger
 * side never overstates precision. The HTML report shows both ends.
 */
export function ciHalfWidthPercent(median: number, low: number, high: number): number {
  return (Math.max(median - low, high - median) / median) * 100;
}

/** Control characters from a scenario or an error could move the cursor or recolour the terminal. */
function plain(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function throughputText(v: VariantSummary): string {
  const t = v.throughput;
  if (!t) return MISSING;
  if (!t.interval || t.median <= 0) return formatOpsPerSec(t.median);
  return `${formatOpsPerSec(t.median)} ±${ciHalfWidthPercent(t.median, t.interval.low, t.interval.high).toFixed(1)}%`;
}

function statusText(v: VariantSummary): string {
  const total = v.okJobs + v.failedJobs.length;
  if (v.failedJobs.length === 0) return `ok ${v.okJobs}/${total}`;
  const phases = [...new Set(v.failedJobs.map((f) => `${f.status} in ${plain(f.phase)}`))].join(', ');
  return `${v.okJobs === 0 ? 'FAILED' : 'partly failed'} ${v.okJobs}/${total} ok (${phases})`;
}

function padCells(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - [...cell].length);
        return rightAligned.has(i) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

export function renderConsoleSummary(model: ReportModel, options: ConsoleOptions = {}): string {
  const { summary, results } = model;
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${ANSI.reset}` : text);
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
    formatNs(v.latency.get?.p99Ns ?? null),
    formatNs(v.latency.put?.p99Ns ?? null),
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
  return `${out.join('\n')}\n`;
}
