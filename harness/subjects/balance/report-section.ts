/**
 * The balance subject's sections of the HTML report: the scenario as declared
 * (a generated database's spec, or the user's own database), and the summary:
 * whether every job wrote the same bytes (first, because a disagreement voids
 * the timings), the end-to-end time per variant with its interval, speedup
 * over naive, the ratio to the bare SQL query, the cold first run, slot
 * hashing and scan rates, the linked outputs and their verification, then the
 * reference query's row and how all of it was measured.
 *
 * Every string from the scenario, a variant, a path or an error goes through
 * escapeHtml; output links are relative (relative-href.ts).
 */
import type { BalanceRunSummary, BalanceVariantSummary } from './run-summary.ts';
import type { Estimate } from '../../stats/descriptive.ts';
import type { BalanceOutput } from './results.ts';
import { isTimedRepeat } from '../../core/results.ts';
import type { BalanceRunResults } from './results.ts';
import type { BalanceScenario, BalanceSource } from './scenario.ts';
import { BALANCE_STAGES, REFERENCE_LABEL, buildBalanceCharts } from './report-charts.ts';
import { escapeHtml as h } from '../../report/escape.ts';
import { MISSING, formatBytes, formatCount, formatInterval, formatMs, formatPercent, formatRate, formatRatio } from '../../core/format.ts';
import type { BalanceReportModel } from './run-summary.ts';
import { variantCell, variantColours } from '../../report/palette.ts';
import { renderChartsSection } from '../../report/html.ts';
import { renderProfilesSection, renderRuntimeSection } from '../../report/profiles-section.ts';
import type { HtmlChecks, SubjectHtml } from '../subject.ts';
import { relativeHref } from '../../report/relative-href.ts';

// ---------------------------------------------------------------- scenario

function sourceFacts(source: BalanceSource): [string, string][] {
  switch (source.kind) {
    case 'generated': {
      // dataset-spec.ts: the real ETH and STRK contracts come first.
      const known = source.tokens >= 2 ? ' (the real ETH and STRK contracts first)' : source.tokens === 1 ? ' (the real ETH contract)' : '';
      return [
        ['Source', 'generated Pathfinder database (seeded, cached on disk by its spec; expected balances known)'],
        ['Seed', String(source.seed)],
        ['Tokens', `${formatCount(source.tokens)} ERC-20 contracts${known}`],
        ['Accounts', `${formatCount(source.accounts)} requested (their balance slots are hashed)`],
        ['Other holders', `${formatCount(source.otherHolders)} not requested (their balance rows are scanned and counted unmapped)`],
        ['Blocks', formatCount(source.blocks)],
        ['Transfers per block', `${formatCount(source.transfersPerBlock)} balance changes (transfers, mints, burns to zero)`],
        ['Noise per block', `${formatCount(source.noisePerBlock)} storage writes that are not balances`],
        ['Other contracts', `${formatCount(source.otherContracts)} (not tokens; they receive part of the noise)`],
      ];
    }
    case 'database':
      return [
        ['Source', 'your Pathfinder database, opened read-only (no expected balances: the variants must agree with each other)'],
        ['Database', source.path],
        ['Tokens', source.tokens.length > 0 ? `${formatCount(source.tokens.length)} contract${source.tokens.length === 1 ? '' : 's'}: ${source.tokens.join(', ')}` : 'none'],
        ['Accounts file', source.accountsFile],
      ];
    default:
      // A results.json from a newer varbench may carry a source this version does not know.
      return [['Source', JSON.stringify(source)]];
  }
}

export function renderBalanceScenarioSection(scenario: BalanceScenario): string {
  const facts: [string, string][] = [
    ['Subject', 'balance: Starknet ERC-20 balances from a Pathfinder-schema database'],
    ...sourceFacts(scenario.source),
    ['Runs per job', `1 cold + ${formatCount(scenario.runs)} measured pipeline runs in one process`],
    ['Repeats', String(scenario.repeats)],
    ['Variants', scenario.variants ? scenario.variants.join(', ') : 'all of the subject’s variants'],
  ];
  if (scenario.timeoutMs !== undefined) facts.push(['Job time limit', formatMs(scenario.timeoutMs)]);
  for (const [variant, settings] of Object.entries(scenario.settings ?? {})) {
    facts.push([`Settings: ${variant}`, Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join(', ')]);
  }
  // Addresses and paths are long unbroken strings: the mono class lets them wrap.
  const mono = new Set(['Database', 'Tokens', 'Accounts file']);
  return `<section class="card" id="scenario">
<h2>Scenario as declared</h2>
<dl class="facts">
${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd${scenario.source.kind === 'database' && mono.has(k) ? ' class="mono wrap"' : ''}>${h(v)}</dd>`).join('\n')}
</dl>
</section>`;
}

// ---------------------------------------------------------------- summary

function confidenceLabel(estimates: readonly (Estimate | null)[]): string {
  const c = estimates.find((e) => e?.interval)?.interval?.confidence ?? 0.95;
  return `${Math.round(c * 100)}% CI`;
}

function medianCell(e: Estimate | null, missing: string): string {
  if (!e) return `<td class="num bad">${h(missing)}</td>`;
  return `<td class="num"><b>${h(formatMs(e.median))}</b><span class="sub">${h(formatInterval(e.interval, formatMs))}</span></td>`;
}

function spreadCell(e: Estimate | null): string {
  if (!e) return `<td class="num">${MISSING}</td>`;
  return `<td class="num">${h(`${formatMs(e.min)} – ${formatMs(e.max)}`)}<span class="sub">CV ${h(formatPercent(e.cv))}</span></td>`;
}

function speedupCell(v: BalanceVariantSummary): string {
  const s = v.speedup;
  if (!s) return `<td class="num">${MISSING}</td>`;
  const interval = s.interval ? `<span class="sub">${h(formatInterval(s.interval, formatRatio))}</span>` : '';
  return `<td class="num">${h(formatRatio(s.ratio))}${interval}</td>`;
}

function perSecond(rate: number | null, what: string): string {
  return rate === null ? MISSING : `${formatRate(rate)} ${what}/s`;
}

/** The cold first run: end to end, its slot mapping and how fast that hashed (a run that hashed nothing read a cache). */
function coldCell(v: BalanceVariantSummary): string {
  if (!v.coldEndToEndMs) return `<td class="num">${MISSING}</td>`;
  const hashes = v.coldHashesPerSec === null ? 'no hashing' : perSecond(v.coldHashesPerSec, 'hashes');
  return `<td class="num">${h(formatMs(v.coldEndToEndMs.median))}<span class="sub">slot mapping ${h(formatMs(v.coldSlotMappingMs?.median ?? null))}</span><span class="sub">${h(hashes)}</span></td>`;
}

function rowsCell(v: BalanceVariantSummary): string {
  if (v.rows === null) return `<td class="num">${MISSING}</td>`;
  return `<td class="num">${h(formatCount(v.rows))}<span class="sub">${h(formatCount(v.rowsScanned))} scanned</span><span class="sub">${h(formatCount(v.unmapped))} unmapped</span><span class="sub">${h(perSecond(v.rowsScannedPerSec, 'rows'))}</span></td>`;
}

const OUTPUT_LABELS = [
  ['csv', 'CSV'],
  ['json', 'JSON'],
  ['sqlite', 'SQLite'],
] as const;

function outputLink(label: string, path: string): string {
  const href = relativeHref(path);
  // Not relative: shown, not linked (see relative-href.ts).
  if (href === null) return `<span title="${h(path)}">${h(label)} (not linked: not a relative path)</span>`;
  return `<a href="${h(href)}" title="${h(path)}">${h(label)}</a>`;
}

function outputsCell(v: BalanceVariantSummary): string {
  const o = v.outputs;
  if (!o) return `<td>${MISSING}</td>`;
  // One per line: the table has many columns and must fit a laptop screen.
  return `<td class="outputs">${OUTPUT_LABELS.map(([kind, label]) => outputLink(label, o[kind])).join('<br>')}</td>`;
}

function verifiedCell(v: BalanceVariantSummary, source: BalanceSource['kind']): string {
  if (v.matchesExpected === true) return '<td class="num ok">yes</td>';
  if (v.matchesExpected === false) return '<td class="num bad">no</td>';
  // Explained in the notes below the table; a sub-line here would widen an already wide table.
  if (v.okJobs > 0 && source === 'database') return `<td class="num" title="a user’s database has no expected balances">${MISSING}</td>`;
  return `<td class="num">${MISSING}</td>`;
}

function variantRow(v: BalanceVariantSummary, baseline: string | null, source: BalanceSource['kind'], colours: ReadonlyMap<string, string>): string {
  const failed = v.failedJobs.length;
  const cells = [
    `<td class="variant">${variantCell(v.variant, colours)}${v.variant === baseline ? '<span class="sub">baseline</span>' : ''}</td>`,
    medianCell(v.endToEndMs, 'no ok repeat'),
    spreadCell(v.endToEndMs),
    speedupCell(v),
    `<td class="num">${h(formatRatio(v.vsReference))}</td>`,
    coldCell(v),
    rowsCell(v),
    outputsCell(v),
    verifiedCell(v, source),
    `<td class="num${failed > 0 ? ' bad' : ''}">${v.okJobs} / ${failed}</td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

function referenceRow(balance: BalanceRunSummary): string {
  const r = balance.referenceQueryMs;
  const rows = balance.referenceRows === null ? MISSING : `${formatCount(balance.referenceRows)} returned`;
  const cells = [
    `<td class="variant"><span class="swatch reference"></span>${h(REFERENCE_LABEL)}<span class="sub">bare latest-value query</span></td>`,
    medianCell(r, 'not measured'),
    spreadCell(r),
    `<td class="num">${MISSING}</td>`,
    `<td class="num">${r ? h(formatRatio(1)) : MISSING}</td>`,
    `<td class="num">${MISSING}</td>`,
    `<td class="num">${MISSING}<span class="sub">${h(rows)}</span></td>`,
    `<td>${MISSING}</td>`,
    `<td class="num">${MISSING}</td>`,
    `<td class="num">${r ? `${r.n} job${r.n === 1 ? '' : 's'}` : MISSING}</td>`,
  ];
  return `<tr class="reference">${cells.join('')}</tr>`;
}

/** The outputs of the first ok job with a measurement, for their hashes. */
function firstOutputs(results: BalanceRunResults): { readonly csv: BalanceOutput; readonly json: BalanceOutput; readonly sqlite: BalanceOutput } | null {
  const job = results.results.find((r) => isTimedRepeat(r) && r.status === 'ok' && r.measure !== null);
  return job?.measure?.outputs ?? null;
}

/** A sha256 shortened for reading; the full one is in the title and results.json. */
function shortHash(hash: string): string {
  return `<span class="mono" title="${h(hash)}">${h(hash.slice(0, 12))}…</span>`;
}

function renderAgreement(model: BalanceReportModel, balance: BalanceRunSummary): string {
  const boxes: string[] = [];
  const okJobs = balance.variants.reduce((n, v) => n + v.okJobs, 0);
  if (!balance.outputsAgree) {
    const items = balance.disagreements.length > 0 ? balance.disagreements : ['(no detail recorded)'];
    boxes.push(`<div class="error-box" role="alert" id="outputs-agreement">
<p><b>Outputs disagree.</b> Not every ok job wrote byte-identical balances.csv, balances.json and balances.sqlite, so at least one variant computes different balances (or writes them differently). Its timings are not comparable until that is fixed.</p>
<ul>${items.map((d) => `<li>${h(d)}</li>`).join('')}</ul>
</div>`);
  } else if (okJobs === 0) {
    boxes.push('<div class="notice-box" id="outputs-agreement"><p><b>No outputs to compare:</b> no job finished.</p></div>');
  } else {
    const outputs = firstOutputs(model.results);
    const hashes = outputs
      ? ` <span class="sub">sha256: CSV ${shortHash(outputs.csv.sha256)} (${h(formatBytes(outputs.csv.bytes))}) · JSON ${shortHash(outputs.json.sha256)} (${h(formatBytes(outputs.json.bytes))}) · SQLite ${shortHash(outputs.sqlite.sha256)} (${h(formatBytes(outputs.sqlite.bytes))})</span>`
      : '';
    boxes.push(`<div class="ok-box" id="outputs-agreement"><p><b>Outputs agree:</b> every ok job of every variant wrote byte-identical balances.csv, balances.json and balances.sqlite.${hashes}</p></div>`);
  }
  const wrong = balance.variants.filter((v) => v.matchesExpected === false);
  if (wrong.length > 0) {
    boxes.push(`<div class="error-box" role="alert" id="expected-mismatch">
<p><b>Wrong balances.</b> The balances.csv of ${wrong.map((v) => h(v.variant)).join(', ')} does not equal the expected balances, which the dataset generator computes independently of the pipeline.</p>
</div>`);
  }
  return boxes.join('\n');
}

function renderStagesTable(variants: readonly BalanceVariantSummary[], colours: ReadonlyMap<string, string>): string {
  const rows = variants.map((v) => {
    const stages = v.stages;
    const sum = stages === null ? null : BALANCE_STAGES.reduce((t, s) => t + stages[s.key], 0);
    const cells = BALANCE_STAGES.map((s) => {
      const ms = stages === null ? null : stages[s.key];
      const share = stages === null || sum === null || sum <= 0 ? '' : `<span class="sub">${h(formatPercent(stages[s.key] / sum))}</span>`;
      return `<td class="num">${h(formatMs(ms))}${share}</td>`;
    });
    return `<tr><td class="variant">${variantCell(v.variant, colours)}</td>${cells.join('')}<td class="num">${h(formatMs(sum))}</td><td class="num">${h(formatMs(v.endToEndMs?.median ?? null))}</td><td class="num">${h(formatBytes(v.peakRssBytes))}</td></tr>`;
  });
  return `<h3>Stages of the measured runs</h3>
<div class="table-wrap"><table>
<thead><tr><th>Variant</th>${BALANCE_STAGES.map((s) => `<th class="num">${h(s.label)}</th>`).join('')}<th class="num">Stages<br>sum</th><th class="num">End to end<br>median</th><th class="num">Peak RSS</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
<p class="note">Median per stage across ok repeats (each repeat's median run), with its share of the stages' sum; the chart below draws the same figures. Peak RSS: the largest across ok repeats, the whole process (SQLite's page cache and worker threads included).</p>`;
}

function renderMeasurementNote(scenario: BalanceScenario, balance: BalanceRunSummary): string {
  const database =
    scenario.source.kind === 'generated'
      ? 'Verified: the cold run’s balances.csv equals, byte for byte, the expected balances the dataset generator computed independently of the pipeline; a job whose output does not is failed, not fast.'
      : 'Verified: a user’s database has no expected balances, so the only check is that every variant wrote the same bytes (above).';
  const baseline = balance.baselineVariant;
  const speedup =
    baseline === null
      ? 'No naive variant ran, so there is no baseline and speedups are not computed.'
      : `Speedup: ${h(baseline)}’s median time divided by the variant’s (higher is faster), with a bootstrap interval of that ratio.`;
  return `<p class="note"><b>How this was measured.</b> Each repeat of each variant ran in its own process (fresh heap and JIT), which ran the whole pipeline ${h(formatCount(scenario.runs + 1))} times on the same database: slot mapping, the latest-value queries, filtering and decoding, writing the three outputs.
The first run of a process is cold (cold JIT, and the cached variant’s slot cache is empty, so it hashes every account) and is reported on its own in the Cold run column; a job's measured figure is the median end-to-end time of the ${h(formatCount(scenario.runs))} runs that follow it.
Medians, min – max and CV are across ok repeats; intervals are order-statistic intervals of the median, labelled with their exact coverage (3 repeats: min – max, 75%). ${speedup}
vs SQL: the variant’s median over the reference query’s. Hashes/s: Pedersen hashes in the cold run’s slot mapping per second of it (“no hashing” where every slot came from a cache). Rows/s: rows the latest-value queries returned (scanned), per second of query plus filter/decode, in the median run. Unmapped rows are storage addresses that are not a requested account’s balance slot (other holders, other storage): filtered out, not errors.
${database}</p>`;
}

function renderReferenceNote(balance: BalanceRunSummary): string {
  const r = balance.referenceQueryMs;
  if (!r) return '<p class="note"><b>SQL reference query.</b> Not measured in this run (no ok job recorded it).</p>';
  return `<p class="note"><b>SQL reference query.</b> The bare latest-value SQL query for the same tokens on the same database (the statement the batched, pooled and cached variants run, stepping through every row), timed in every job’s process after its pipeline runs (the median of as many runs, same page cache) with nothing of the pipeline around it: no slots, no filtering or decoding, no outputs. It is the database’s own work, so a variant’s ratio to it (vs SQL) is the pipeline’s overhead. Median ${h(formatMs(r.median))} across ${h(formatCount(r.n))} jobs${balance.referenceRows === null ? '' : `, ${h(formatCount(balance.referenceRows))} rows`}.</p>`;
}

export function renderBalanceSummarySection(model: BalanceReportModel, scenario: BalanceScenario, colours: ReadonlyMap<string, string>): string {
  const balance = model.analysis;
  const variants = balance.variants;
  const baseline = balance.baselineVariant;
  const head = [
    '<th>Variant</th>',
    `<th class="num">End to end median<br>${h(confidenceLabel([...variants.map((v) => v.endToEndMs), balance.referenceQueryMs]))}</th>`,
    '<th class="num">min – max<br>CV</th>',
    baseline === null ? '<th class="num">Speedup</th>' : `<th class="num">Speedup<br>vs ${h(baseline)}</th>`,
    '<th class="num">vs SQL<br>reference</th>',
    '<th class="num">Cold run<br>end to end</th>',
    '<th class="num">Rows</th>',
    '<th>Outputs</th>',
    '<th class="num">Verified</th>',
    '<th class="num">Repeats<br>ok / failed</th>',
  ].join('');
  const rows = variants.map((v) => variantRow(v, baseline, scenario.source.kind, colours));
  return `<section class="card" id="summary">
<h2>Summary</h2>
${renderAgreement(model, balance)}
<div class="table-wrap"><table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
${referenceRow(balance)}
</tbody>
</table></div>
<p class="note">Output links open the files of each variant’s first ok repeat, relative to this report’s folder.</p>
${renderReferenceNote(balance)}
${renderMeasurementNote(scenario, balance)}
${renderStagesTable(variants, colours)}
</section>`;
}

/** The balance subject's sections of the HTML report, with the run's checks after the summary. */
export function renderBalanceHtml(model: BalanceReportModel, checks: HtmlChecks): SubjectHtml {
  const scenario = model.results.scenario as BalanceScenario;
  const colours = variantColours(model.analysis.variants.map((v) => v.variant));
  const charts = buildBalanceCharts(model);
  const sections = `${renderBalanceScenarioSection(scenario)}
${renderBalanceSummarySection(model, scenario, colours)}
${checks.sections}
${charts.length > 0 ? renderChartsSection(charts) : ''}
${renderRuntimeSection(model.analysis.variants, colours, 'balance row')}
${renderProfilesSection(model.analysis.profiles, colours)}`;
  return { sections, charts, colours };
}
