/**
 * The HTML report: one self-contained file that opens from file:// with no
 * network. chart.js and the drawing script are inlined, the CSS is inline, and
 * the chart data is embedded as JSON (criterion.rs: the report is a model plus
 * a template). Every string that comes from a scenario, a variant, an error or
 * the environment goes through escapeHtml / jsonForScript.
 *
 * The header, failed jobs, environment and page frame are shared; the
 * sections between them depend on the scenario's subject: the storage
 * subject's here, the balance subject's in balance-section.ts.
 */
import { OP_TYPES, type BalanceScenario, type KeyDistribution, type OpType, type StorageScenario } from '../plan/scenario.ts';
import { isRunRepeat, type Environment, type JobResult } from '../core/results.ts';
import { describeCpu } from '../core/cpu-identity.ts';
import type { Estimate, OpLatency, VariantSummary } from '../subjects/storage/summary.ts';
import { median } from '../stats/descriptive.ts';
import { runCompleteness } from '../core/completeness.ts';
import { timedOpsOf } from '../subjects/storage/timed-ops.ts';
import type { ReportModel } from './model.ts';
import { buildCharts, type ChartSpec } from './charts.ts';
import { buildBalanceCharts } from '../subjects/balance/report-charts.ts';
import { renderBalanceScenarioSection, renderBalanceSummarySection } from '../subjects/balance/report-section.ts';
import { CHART_SCRIPT } from './chart-script.ts';
import { escapeHtml as h, jsonForScript, scriptSourceForInline } from './escape.ts';
import {
  MISSING,
  formatBytes,
  formatCount,
  formatInterval,
  formatMs,
  formatNs,
  formatOpsPerSec,
  formatPercent,
  formatRate,
  formatRatio,
  formatTimestamp,
} from '../core/format.ts';
import { variantCell, variantColours } from './palette.ts';
import { renderProfilesSection, renderRuntimeSection } from './profiles-section.ts';
import { REPORT_CSS } from './styles.ts';
import { renderGateSection } from './gate-section.ts';
import { gateView, throughputRowOf, type GateView } from './gate-view.ts';
import { renderTargetsSection } from './targets-section.ts';
import { targetsView, type TargetsView } from './targets-view.ts';
import { statusPill, toneClass } from './tone.ts';
import { UNSUPPORTED_PERCENTILE_LEGEND, isUnsupportedPercentile, markPercentile, samplesText } from './percentile-mark.ts';

export interface HtmlAssets {
  /** chart.js 4 UMD build, see assets.ts. */
  readonly chartJs: string;
}

/**
 * No network: the Content-Security-Policy forbids every fetch (scripts, styles,
 * images, fonts, connections) except the inline code and data: images.
 */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** What a subject contributes to the page: its sections, its charts and the colours of its variants. */
interface SubjectBody {
  readonly sections: string;
  readonly charts: readonly ChartSpec[];
  readonly colours: ReadonlyMap<string, string>;
}

/** The run's checks (targets and baseline gate) as the renderers read them; null where the run had none. */
interface Checks {
  readonly targets: TargetsView | null;
  readonly gate: GateView | null;
}

function checksOf(model: ReportModel): Checks {
  const { targets, gate } = model.results;
  const timedOps = timedOpsOf(model.results);
  return { targets: targets ? targetsView(targets, timedOps) : null, gate: gate ? gateView(gate, timedOps) : null };
}

function renderChecksSections(checks: Checks): string {
  return [renderTargetsSection(checks.targets), renderGateSection(checks.gate)].filter((s) => s !== '').join('\n');
}

function storageBody(model: ReportModel, scenario: StorageScenario, checks: Checks): SubjectBody {
  const colours = variantColours(model.summary.variants.map((v) => v.variant));
  const charts = buildCharts(model);
  const sections = `${renderScenarioSection(model, scenario, colours)}
${renderSummarySection(model, colours, checks.gate)}
${renderChecksSections(checks)}
${renderChartsSection(charts)}
${renderRuntimeSection(model.summary.variants, colours)}
${renderProfilesSection(model.summary.profiles, colours)}`;
  return { sections, charts, colours };
}

function balanceBody(model: ReportModel, scenario: BalanceScenario, checks: Checks): SubjectBody {
  // Without an analysis, the planned variants still get their colours in the failed-jobs table.
  const variants = model.balance?.variants.map((v) => v.variant) ?? model.results.options.variants;
  const colours = variantColours(variants);
  const charts = buildBalanceCharts(model);
  const sections = `${renderBalanceScenarioSection(scenario)}
${renderBalanceSummarySection(model, scenario, colours)}
${renderChecksSections(checks)}
${charts.length > 0 ? renderChartsSection(charts) : ''}
${renderRuntimeSection(model.balance?.variants ?? [], colours, 'balance row')}
${renderProfilesSection(model.balance?.profiles ?? [], colours)}`;
  return { sections, charts, colours };
}

export function renderHtml(model: ReportModel, assets: HtmlAssets): string {
  const { results } = model;
  const scenario = results.scenario;
  const checks = checksOf(model);
  const { sections, charts, colours } =
    scenario.subject === 'balance' ? balanceBody(model, scenario, checks) : storageBody(model, scenario, checks);
  const title = `varbench: ${results.scenario.name} (${results.runId})`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${h(CSP)}">
<meta name="generator" content="varbench ${h(results.environment.varbenchVersion)}">
<title>${h(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${renderHeader(model, checks)}
${sections}
${renderFailedSection(model, colours)}
${renderEnvironmentSection(results.environment)}
<footer>Generated by varbench ${h(results.environment.varbenchVersion)} at ${h(formatTimestamp(model.generatedAt))} from results.json (schema ${h(results.schema)} v${h(String(results.schemaVersion))}).</footer>
</main>
<script type="application/json" id="varbench-data">${jsonForScript({ charts })}</script>
<script>${scriptSourceForInline(assets.chartJs)}</script>
<script>${scriptSourceForInline(CHART_SCRIPT)}</script>
</body>
</html>
`;
}

// ---------------------------------------------------------------- header

/** Links from the header to the checks, so a failed target or a regression is seen before any table. */
function checkBadges(checks: Checks): string[] {
  const badges: string[] = [];
  const t = checks.targets;
  if (t !== null && t.rows.length > 0) {
    const tone = t.counts.fail > 0 ? 'bad' : t.counts['no data'] > 0 ? 'warn' : 'good';
    badges.push(`<a class="check-link" href="#targets">${statusPill(h(`targets: ${t.countsText}`), tone)}</a>`);
  }
  const g = checks.gate;
  if (g !== null) {
    badges.push(`<a class="check-link" href="#gate">${statusPill(h(`gate: ${g.record.outcome} vs '${g.record.baseline.name}'`), g.tone)}</a>`);
  }
  return badges;
}

function renderHeader(model: ReportModel, checks: Checks): string {
  const { results } = model;
  const checkLinks = checkBadges(checks);
  const measured = results.results.filter(isRunRepeat);
  const ok = measured.filter((r) => r.status === 'ok').length;
  const failed = measured.length - ok;
  const reference = results.results.filter((r) => r.reference);
  const referenceOk = reference.filter((r) => r.status === 'ok').length;
  const completeness = runCompleteness(results);
  const { finished, planned } = completeness;
  const statusParts = [
    `<span class="ok">${ok} job${ok === 1 ? '' : 's'} ok</span>`,
    `<span class="${failed > 0 ? 'bad' : 'ok'}">${failed} failed</span>`,
  ];
  // The storage subject's reference jobs drive a no-op store; a balance run's reference query runs inside its jobs.
  const referenceKind = results.scenario.subject === 'storage' ? 'reference (no-op) jobs' : 'reference jobs';
  if (reference.length > 0) statusParts.push(`<span class="${referenceOk === reference.length ? 'ok' : 'bad'}">${referenceOk}/${reference.length} ${referenceKind} ok</span>`);
  const badges: string[] = [];
  if (results.options.quick) badges.push('<span class="badge quick" title="--quick: fewer operations and repeats">quick mode: indicative numbers only</span>');
  if (results.finishedAt === null) badges.push(`<span class="badge progress">in progress: ${finished} of ${planned} jobs finished</span>`);
  if (completeness.stoppedEarly) badges.push(`<span class="badge progress">stopped early: ${finished} of ${planned} planned jobs ran</span>`);
  return `<header class="page">
<h1>${h(results.scenario.name)}${badges.map((b) => ` ${b}`).join('')}</h1>
<p class="description">${h(results.scenario.description)}</p>
<div class="meta">
<span>Run <b class="mono">${h(results.runId)}</b></span>
<span>Started <b>${h(formatTimestamp(results.startedAt))}</b></span>
<span>Finished <b>${h(results.finishedAt === null ? 'not yet' : formatTimestamp(results.finishedAt))}</b></span>
<span>Variants <b>${h(results.options.variants.join(', ') || MISSING)}</b></span>
<span>Repeats <b>${h(String(results.options.repeats))}</b></span>
<span>Quick mode <b>${results.options.quick ? 'yes' : 'no'}</b></span>
</div>
<p class="status">${statusParts.join(' · ')}${completeness.stoppedEarly ? ` · <span class="bad">${completeness.missing} planned jobs have no result</span>` : ''}</p>
${checkLinks.length > 0 ? `<p class="checks">${checkLinks.join(' ')}</p>` : ''}
</header>`;
}

// ---------------------------------------------------------------- summary

function latencyOpTypes(variants: readonly VariantSummary[]): OpType[] {
  return OP_TYPES.filter((op) => variants.some((v) => v.latency[op] !== undefined));
}

function confidenceLabel(variants: readonly VariantSummary[]): string {
  const c = variants.find((v) => v.throughput?.interval)?.throughput?.interval?.confidence ?? 0.95;
  return `${Math.round(c * 100)}% CI`;
}

function renderSummarySection(model: ReportModel, colours: ReadonlyMap<string, string>, gate: GateView | null): string {
  const { summary } = model;
  const variants = summary.variants;
  const ops = latencyOpTypes(variants);
  const baseline = summary.baselineVariant;
  const head = [
    '<th>Variant</th>',
    `<th class="num">Throughput median<br>${h(confidenceLabel(variants))}</th>`,
    '<th class="num">min – max<br>CV</th>',
    baseline === null ? '<th class="num">Speedup</th>' : `<th class="num">Speedup<br>vs ${h(baseline)}</th>`,
    ...ops.map((op) => `<th class="num">${h(op)}<br>p50 / p99</th>`),
    '<th class="num">Peak heap<br>/ RSS</th>',
    '<th class="num">GC pause<br>per repeat</th>',
    '<th class="num">Hit ratio</th>',
    '<th class="num">Repeats<br>ok / failed</th>',
    gate === null ? '' : `<th class="num">Throughput vs<br>${h(`baseline '${gate.record.baseline.name}'`)}</th>`,
  ].join('');
  const rows = variants.map((v) => {
    const t = v.throughput;
    const isBaseline = v.variant === baseline;
    const failed = v.failedJobs.length;
    const cells = [
      `<td class="variant">${variantCell(v.variant, colours)}${isBaseline ? '<span class="sub">baseline</span>' : ''}</td>`,
      t
        ? `<td class="num"><b>${h(formatOpsPerSec(t.median))}</b><span class="sub">${h(formatInterval(t.interval, formatRate))}</span></td>`
        : '<td class="num bad">no ok repeat</td>',
      t ? `<td class="num">${h(`${formatRate(t.min)} – ${formatRate(t.max)}`)}<span class="sub">CV ${h(formatPercent(t.cv))}</span></td>` : `<td class="num">${MISSING}</td>`,
      `<td class="num">${speedupCell(v)}</td>`,
      ...ops.map((op) => latencyCell(v.latency[op])),
      // RSS too: the JS heap misses SQLite's page cache and worker threads' heaps.
      `<td class="num">${h(formatBytes(v.peakHeapUsedBytes))}<span class="sub">${h(formatBytes(v.peakRssBytes))} RSS</span></td>`,
      `<td class="num">${gcCell(v.gcPauseMs, v.gcCount, v.runtime?.gcComplete ?? true)}</td>`,
      `<td class="num">${h(formatPercent(v.hitRatio))}</td>`,
      `<td class="num${failed > 0 ? ' bad' : ''}">${v.okJobs} / ${failed}</td>`,
      gate === null ? '' : baselineCell(gate, model.results.scenario.name, v.variant),
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const noBaseline =
    baseline === null
      ? '<p class="note">No naive variant ran, so there is no baseline and speedups are not computed.</p>'
      : '';
  return `<section class="card" id="summary">
<h2>Summary</h2>
<div class="table-wrap"><table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
${noBaseline}
${anyUnsupported(variants, ops, [50, 99]) ? `<p class="note" id="few-samples">${h(UNSUPPORTED_PERCENTILE_LEGEND)} n: timed ops of that type over the ok repeats.</p>` : ''}
${renderMeasurementNote(model)}
${renderOverhead(model)}
${renderLatencyDetail(variants, ops, colours)}
${renderCounters(variants, colours)}
</section>`;
}

/** "p50 / p99", each marked when too few timed ops support it, and then their count below. */
function latencyCell(l: OpLatency | undefined): string {
  if (!l) return `<td class="num">${MISSING}</td>`;
  const text = `${markPercentile(formatNs(l.p50Ns), l.samples, 50)} / ${markPercentile(formatNs(l.p99Ns), l.samples, 99)}`;
  const count = isUnsupportedPercentile(l.samples, 50) || isUnsupportedPercentile(l.samples, 99) ? `<span class="sub">${h(samplesText(l.samples))} timed</span>` : '';
  return `<td class="num">${h(text)}${count}</td>`;
}

/** Percentiles the tables show, with their fields. */
const SHOWN_PERCENTILES = [
  [50, 'p50Ns'],
  [90, 'p90Ns'],
  [99, 'p99Ns'],
  [99.9, 'p999Ns'],
] as const;

/** Whether any variant's percentiles in `percentiles` get the mark: then the legend is shown. */
function anyUnsupported(variants: readonly VariantSummary[], ops: readonly OpType[], percentiles: readonly number[]): boolean {
  return variants.some((v) => ops.some((op) => percentiles.some((p) => isUnsupportedPercentile(v.latency[op]?.samples, p))));
}

/** The variant's throughput cell of the gate: change, interval and verdict (details in the baseline section). */
function baselineCell(gate: GateView, scenario: string, variant: string): string {
  const row = throughputRowOf(gate, scenario, variant);
  if (row === null) return `<td class="num">${MISSING}</td>`;
  // The interval below the change, not beside it: the summary is the report's widest table.
  const interval = row.deltaInterval === null ? '' : `<span class="sub">${h(row.deltaInterval)}</span>`;
  return `<td class="num ${toneClass(row.tone)}"><a href="#gate">${h(row.delta)}</a>${interval}<span class="sub">${h(row.statusText)}</span></td>`;
}

function speedupCell(v: VariantSummary): string {
  const s = v.speedup;
  if (!s) return MISSING;
  const interval = s.interval ? `<span class="sub">${h(formatInterval(s.interval, formatRatio))}</span>` : '';
  return `${h(formatRatio(s.ratio))}${interval}`;
}

/** `complete`: false when some GC entries may be missing, so the figures are lower bounds (≥). */
function gcCell(pause: Estimate | null, count: Estimate | null, complete: boolean): string {
  if (!pause) return MISSING;
  const atLeast = complete ? '' : '≥ ';
  const n = count ? `<span class="sub">${h(`${atLeast}${formatCount(Math.round(count.median))}`)} GCs</span>` : '';
  const flag = complete ? '' : '<span class="sub bad">GCs may be missing (see Runtime)</span>';
  return `${h(atLeast + formatMs(pause.median))}${n}${flag}`;
}

function okMeasured(model: ReportModel): JobResult[] {
  return model.results.results.filter((r) => isRunRepeat(r) && r.status === 'ok' && r.measure !== null);
}

function renderMeasurementNote(model: ReportModel): string {
  const samplings = [...new Set(okMeasured(model).map((r) => r.measure!.latencySampling))];
  const sampling = samplings.length > 0 ? samplings.join('; ') : 'no ok job recorded how latency was sampled';
  return `<p class="note"><b>How this was measured.</b> Latency: ${h(sampling)}; percentiles come from HDR histograms of the timed ops, merged across ok repeats.
Throughput: operations completed divided by the measured phase's wall time, without per-op clock reads. The phase ends with the store's flush(), so writes a variant deferred are paid for inside it${renderFlushShares(model)}.
Medians, min – max and CV are across ok repeats; intervals are bootstrap confidence intervals of the median; each repeat ran in its own process.
Clients are closed-loop (each waits for its answer before its next op): a synchronous variant serves one op at a time whatever the concurrency, so its latency is service time, while an asynchronous one's includes queueing; a stall delays the ops behind it without being timed for them, so tails are understated (coordinated omission).</p>`;
}

/** Median share of the measured phase spent in the closing flush, per variant. */
function renderFlushShares(model: ReportModel): string {
  const shares = new Map<string, number[]>();
  for (const r of okMeasured(model)) {
    const list = shares.get(r.variant) ?? [];
    list.push(r.measure!.flushNs / r.measure!.durationNs);
    shares.set(r.variant, list);
  }
  const parts = [...shares].map(([variant, list]) => `${h(variant)} ${h(formatPercent(median(list)))}`);
  return parts.length > 0 ? ` (median share of the phase: ${parts.join(', ')})` : '';
}

function renderOverhead(model: ReportModel): string {
  const o = model.summary.overhead;
  if (!o) return '<p class="note"><b>Harness overhead.</b> Not measured in this run (no reference no-op job succeeded).</p>';
  const scale =
    o.fastestVariant !== null && o.fastestNsPerOp !== null
      ? `: ${h(formatPercent(o.shareOfFastest))} of the fastest variant, ${h(o.fastestVariant)}, at ${h(formatNs(o.fastestNsPerOp))}/op`
      : '';
  return `<p class="note"><b>Harness overhead.</b> A no-op store driven by the same harness costs ${h(formatNs(o.nsPerOp))}/op (${h(formatOpsPerSec(o.opsPerSec))})${scale}. Every variant's time per op includes at least this; it is a lower bound for asynchronous variants, whose awaited promises the synchronous no-op store does not pay.</p>`;
}

function renderLatencyDetail(variants: readonly VariantSummary[], ops: readonly OpType[], colours: ReadonlyMap<string, string>): string {
  if (ops.length === 0) return '<p class="note">No latency was recorded.</p>';
  const rows = variants.flatMap((v) =>
    ops.flatMap((op) => {
      const l = v.latency[op];
      if (!l) return [];
      return [
        `<tr><td class="variant">${variantCell(v.variant, colours)}</td><td>${h(op)}</td><td class="num">${h(formatCount(l.samples))}</td><td class="num">${h(formatCount(v.opCounts[op] ?? null))}</td>` +
          `<td class="num">${h(formatNs(l.meanNs))}</td>` +
          SHOWN_PERCENTILES.map(([p, field]) => `<td class="num">${h(markPercentile(formatNs(l[field]), l.samples, p))}</td>`).join('') +
          `<td class="num">${h(formatNs(l.maxNs))}</td></tr>`,
      ];
    }),
  );
  return `<h3>Latency by op type</h3>
<div class="table-wrap"><table>
<thead><tr><th>Variant</th><th>Op</th><th class="num">Timed ops</th><th class="num">All ops</th><th class="num">mean</th><th class="num">p50</th><th class="num">p90</th><th class="num">p99</th><th class="num">p99.9</th><th class="num">max</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
${anyUnsupported(variants, ops, SHOWN_PERCENTILES.map(([p]) => p)) ? `<p class="note">${h(UNSUPPORTED_PERCENTILE_LEGEND)} n: the timed ops column.</p>` : ''}`;
}

/**
 * One row per counter, one column per variant: variants are few, counters
 * are not (cached and pooled together report a dozen), so this table grows
 * downwards and fits its card however many counters the variants report.
 */
function renderCounters(variants: readonly VariantSummary[], colours: ReadonlyMap<string, string>): string {
  const names = [...new Set(variants.flatMap((v) => Object.keys(v.counters)))].sort();
  if (names.length === 0) return '';
  const rows = names.map(
    (n) => `<tr><td class="mono">${h(n)}</td>${variants.map((v) => `<td class="num">${h(formatCount(v.counters[n] ?? null))}</td>`).join('')}</tr>`,
  );
  return `<h3>Variant counters</h3>
<p class="note">Measured phase only, summed over ok repeats; — where a variant does not report the counter.</p>
<div class="table-wrap"><table class="counters">
<thead><tr><th>Counter</th>${variants.map((v) => `<th class="num">${variantCell(v.variant, colours)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

// ---------------------------------------------------------------- charts

function renderChartsSection(charts: readonly ChartSpec[]): string {
  const figures = charts.map(
    (c) => `<figure class="chart">
<h3>${h(c.title)}</h3>
<div class="chart-box"><canvas id="${h(c.id)}" data-chart="${h(c.id)}" role="img" aria-label="${h(c.title)}"></canvas></div>
<figcaption>${h(c.caption)}</figcaption>
</figure>`,
  );
  return `<section class="card" id="charts">
<h2>Charts</h2>
<div class="grid-2">
${figures.join('\n')}
</div>
</section>`;
}

// ---------------------------------------------------------------- scenario

export function describeKeyDistribution(d: KeyDistribution): string {
  switch (d.kind) {
    case 'uniform':
      return 'uniform';
    case 'sequential':
      return 'sequential';
    case 'zipfian':
      return `zipfian (constant ${d.constant}${d.scrambled ? ', scrambled' : ''})`;
    case 'latest':
      return `latest (zipfian constant ${d.constant})`;
    default:
      // A results.json from a newer varbench may carry a kind this version does not know.
      return JSON.stringify(d);
  }
}

function renderScenarioSection(model: ReportModel, s: StorageScenario, colours: ReadonlyMap<string, string>): string {
  const { dataset, workload, warmup } = s;
  const facts: [string, string][] = [
    ['Subject', s.subject],
    ['Dataset', `${formatCount(dataset.records)} records of ${formatBytes(dataset.valueBytes)}, seed ${dataset.seed}`],
    ['Key distribution', describeKeyDistribution(dataset.keyDistribution)],
    ['Operations', `${formatCount(workload.operations)} per repeat${workload.durationMs !== undefined ? `, or at most ${formatMs(workload.durationMs)}` : ''}`],
    ['Concurrency', String(workload.concurrency)],
    ['Warmup', `${formatCount(warmup.operations)} operations or at most ${formatMs(warmup.maxDurationMs)}`],
    ['Repeats', String(s.repeats)],
    ['Variants', s.variants ? s.variants.join(', ') : 'all of the subject’s variants'],
  ];
  if (workload.scanLength !== undefined) facts.push(['Scan length', `${formatCount(workload.scanLength)} entries`]);
  if (s.timeoutMs !== undefined) facts.push(['Job time limit', formatMs(s.timeoutMs)]);
  for (const [variant, settings] of Object.entries(s.settings ?? {})) {
    facts.push([`Settings: ${variant}`, Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join(', ')]);
  }
  return `<section class="card" id="scenario">
<h2>Scenario as declared</h2>
<dl class="facts">
${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('\n')}
</dl>
${renderOpMix(model, s, colours)}
</section>`;
}

function renderOpMix(model: ReportModel, scenario: StorageScenario, colours: ReadonlyMap<string, string>): string {
  const declared = scenario.workload.mix;
  const total = Object.values(declared).reduce((a: number, b) => a + (b ?? 0), 0);
  const variants = model.summary.variants;
  const ops = OP_TYPES.filter(
    (op) => (declared[op] ?? 0) > 0 || variants.some((v) => (v.achievedMix[op] ?? 0) > 0),
  );
  const head = `<th>Op</th><th class="num">Declared</th>${variants.map((v) => `<th class="num">${variantCell(v.variant, colours)}</th>`).join('')}`;
  const rows = ops.map((op) => {
    const d = total > 0 ? (declared[op] ?? 0) / total : null;
    const achieved = variants.map((v) => {
      const a = v.achievedMix[op];
      return `<td class="num">${h(v.okJobs > 0 && a !== undefined ? formatPercent(a) : MISSING)}</td>`;
    });
    return `<tr><td>${h(op)}</td><td class="num">${h(formatPercent(d))}</td>${achieved.join('')}</tr>`;
  });
  return `<h3>Op mix: declared and achieved</h3>
<div class="table-wrap"><table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

// ---------------------------------------------------------------- failures

function renderFailedSection(model: ReportModel, colours: ReadonlyMap<string, string>): string {
  const failed = model.results.results.filter((r) => r.status !== 'ok').sort((a, b) => a.index - b.index);
  if (failed.length === 0) {
    return `<section class="card" id="failed"><h2>Failed jobs</h2><p class="note">None: every job that ran finished ok.</p></section>`;
  }
  const rows = failed.map((r) => {
    const message = r.error?.message ?? (r.status === 'timeout' ? 'timed out (no error message recorded)' : 'no error message recorded');
    const stack = r.error?.stack ? `<details><summary>stack</summary><pre class="error">${h(r.error.stack)}</pre></details>` : '';
    return `<tr><td class="variant">${variantCell(r.variant, colours, r.reference ? ' <span class="badge baseline">reference</span>' : '')}</td><td class="num">${r.repeat}</td><td class="bad">${h(r.status)}</td><td>${h(r.error?.phase ?? MISSING)}</td><td><pre class="error">${h(message)}</pre>${stack}</td></tr>`;
  });
  return `<section class="card" id="failed">
<h2>Failed jobs</h2>
<p class="note">A failed repeat is left out of every statistic above; a variant that disagrees with the others in verification is failed, not fast.</p>
<div class="table-wrap"><table>
<thead><tr><th>Variant</th><th class="num">Repeat</th><th>Status</th><th>Phase</th><th style="width:60%">Error</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

// ---------------------------------------------------------------- environment

function renderEnvironmentSection(env: Environment): string {
  const git =
    env.gitCommit === null
      ? 'not a git checkout'
      : `${env.gitCommit}${env.gitDirty === true ? ' (dirty: uncommitted changes)' : env.gitDirty === false ? ' (clean)' : ''}`;
  const facts: [string, string][] = [
    ['Node', env.node],
    ['V8', env.v8],
    ['Node flags', env.execArgv.length > 0 ? env.execArgv.join(' ') : 'none'],
    ['CPU', `${describeCpu(env.cpuModel, env.cpu)} × ${env.cpuCount}`],
    ['Memory', formatBytes(env.totalMemoryBytes)],
    ['OS', `${env.platform} ${env.osRelease} (${env.arch})`],
    ['Git commit', git],
    ['varbench', env.varbenchVersion],
  ];
  const packages = Object.entries(env.packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const packageList =
    packages.length > 0
      ? `<h3>Packages</h3><div class="table-wrap"><table><thead><tr><th>Package</th><th>Version</th></tr></thead><tbody>
${packages.map(([name, version]) => `<tr><td class="mono">${h(name)}</td><td class="mono">${h(version)}</td></tr>`).join('\n')}
</tbody></table></div>`
      : '';
  return `<section class="card" id="environment">
<h2>Environment</h2>
<dl class="facts">
${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('\n')}
</dl>
${packageList}
</section>`;
}
