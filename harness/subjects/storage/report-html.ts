/**
 * The storage subject's sections of the HTML report: the scenario as
 * declared and the op mix achieved, the summary table, how latency was
 * measured and what the harness costs, latency per op type, the variants'
 * counters, and the charts (report-charts.ts). Every string from a scenario,
 * a variant or an error goes through escapeHtml.
 */
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
} from '../../core/format.ts';
import { escapeHtml as h } from '../../report/escape.ts';
import { throughputRowOf, type GateView } from '../../report/gate-view.ts';
import { renderChartsSection } from '../../report/html.ts';
import { variantCell, variantColours } from '../../report/palette.ts';
import { UNSUPPORTED_PERCENTILE_LEGEND, isUnsupportedPercentile, markPercentile, samplesText } from '../../report/percentile-mark.ts';
import { renderProfilesSection, renderRuntimeSection } from '../../report/profiles-section.ts';
import { statusPill, toneClass } from '../../report/tone.ts';
import type { HtmlChecks, SubjectHtml } from '../subject.ts';
import { buildCharts } from './report-charts.ts';
import { OP_TYPES, type KeyDistribution, type OpType, type StorageScenario } from './scenario.ts';
import type { StorageReportModel, VariantSummary } from './run-summary.ts';
import type { OpLatency } from '../../stats/latency.ts';
import type { Estimate } from '../../stats/descriptive.ts';


// ---------------------------------------------------------------- summary

function latencyOpTypes(variants: readonly VariantSummary[]): OpType[] {
  return OP_TYPES.filter((op) => variants.some((v) => v.latency[op] !== undefined));
}

function confidenceLabel(variants: readonly VariantSummary[]): string {
  const c = variants.find((v) => v.throughput?.interval)?.throughput?.interval?.confidence ?? 0.95;
  return `${Math.round(c * 100)}% CI`;
}

function renderSummarySection(model: StorageReportModel, colours: ReadonlyMap<string, string>, gate: GateView | null): string {
  const summary = model.analysis;
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

function renderMeasurementNote(model: StorageReportModel): string {
  const samplings = model.analysis.latencySamplings;
  const sampling = samplings.length > 0 ? samplings.join('; ') : 'no ok job recorded how latency was sampled';
  return `<p class="note"><b>How this was measured.</b> Latency: ${h(sampling)}; percentiles come from HDR histograms of the timed ops, merged across ok repeats.
Throughput: operations completed divided by the measured phase's wall time, without per-op clock reads. The phase ends with the store's flush(), so writes a variant deferred are paid for inside it${renderFlushShares(model)}.
Medians, min – max and CV are across ok repeats; intervals are order-statistic intervals of the median, labelled with their exact coverage (3 repeats: min – max, 75%); each repeat ran in its own process.
Clients are closed-loop (each waits for its answer before its next op): a synchronous variant serves one op at a time whatever the concurrency, so its latency is service time, while an asynchronous one's includes queueing; a stall delays the ops behind it without being timed for them, so tails are understated (coordinated omission).</p>`;
}

/** Median share of the measured phase spent in the closing flush, per variant (summarize.ts). */
function renderFlushShares(model: StorageReportModel): string {
  const parts = model.analysis.flushShares.map(({ variant, share }) => `${h(variant)} ${h(formatPercent(share))}`);
  return parts.length > 0 ? ` (median share of the phase: ${parts.join(', ')})` : '';
}

function renderOverhead(model: StorageReportModel): string {
  const o = model.analysis.overhead;
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

function renderScenarioSection(model: StorageReportModel, s: StorageScenario, colours: ReadonlyMap<string, string>): string {
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

function renderOpMix(model: StorageReportModel, scenario: StorageScenario, colours: ReadonlyMap<string, string>): string {
  const declared = scenario.workload.mix;
  const total = Object.values(declared).reduce((a: number, b) => a + (b ?? 0), 0);
  const variants = model.analysis.variants;
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

/** The storage subject's sections of the HTML report, with the run's checks after the summary. */
export function renderStorageHtml(model: StorageReportModel, checks: HtmlChecks): SubjectHtml {
  const scenario = model.results.scenario as StorageScenario;
  const colours = variantColours(model.analysis.variants.map((v) => v.variant));
  const charts = buildCharts(model);
  const sections = `${renderScenarioSection(model, scenario, colours)}
${renderSummarySection(model, colours, model.gate)}
${checks.sections}
${renderChartsSection(charts)}
${renderRuntimeSection(model.analysis.variants, colours)}
${renderProfilesSection(model.analysis.profiles, colours)}`;
  return { sections, charts, colours };
}

