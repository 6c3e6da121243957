/**
 * The balance subject's table on the console: one row per variant with its
 * end-to-end time and interval, speed-up, ratio to the bare SQL query, cold
 * slot mapping and verification, then the SQL reference and whether every
 * job wrote the same outputs.
 */
import { MISSING, formatCount, formatMs, formatRatio } from '../../core/format.ts';
import { ciHalfWidthPercent, statusText, type ConsoleOptions } from '../../report/console.ts';
import { ANSI, padCells, painter, plain } from '../../report/console-text.ts';
import type { Estimate } from '../../stats/descriptive.ts';
import type { BalanceReportModel, BalanceRunSummary, BalanceVariantSummary } from './run-summary.ts';

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

export function renderBalanceConsole(model: BalanceReportModel, options: ConsoleOptions): string {
  const { results } = model;
  const balance = model.analysis;
  const paint = painter(options.color);
  const title = `${plain(results.scenario.name)} · run ${plain(results.runId)}${results.options.quick ? ' · quick mode' : ''}`;
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
