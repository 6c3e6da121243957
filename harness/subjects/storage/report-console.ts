/**
 * The storage subject's table on the console: one row per variant with its
 * throughput and interval, speed-up, p99 of gets and puts, hit ratio and
 * repeats, then the harness's own overhead and a note on noisy variants.
 */
import { MISSING, formatNs, formatOpsPerSec, formatPercent, formatRatio } from '../../core/format.ts';
import { ciHalfWidthPercent, statusText, type ConsoleOptions } from '../../report/console.ts';
import { ANSI, padCells, painter, plain } from '../../report/console-text.ts';
import { UNSUPPORTED_PERCENTILE_LEGEND, isUnsupportedPercentile, markPercentile, samplesText } from '../../report/percentile-mark.ts';
import type { OpLatency } from '../../stats/latency.ts';
import type { StorageReportModel, VariantSummary } from './run-summary.ts';

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

export function renderStorageConsole(model: StorageReportModel, options: ConsoleOptions): string {
  const { analysis: summary, results } = model;
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
