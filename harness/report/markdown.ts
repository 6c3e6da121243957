/**
 * The run as GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY (and
 * reports/<run-id>/summary.md): a title with the outcome, the variants in
 * one small table, the baseline gate, the targets, the failed jobs and
 * where the HTML report is. Made to be read in a pull request: what needs
 * attention stays at the top level, the long tails (unchanged cells,
 * targets of scenarios that do not exist yet) are folded into <details>.
 *
 * Everything from results.json is escaped (mdText, mdCode): a table cell
 * can never break its row (`|` and newlines), and names can neither inject
 * HTML nor turn into emphasis or links.
 */
import type { JobResult } from '../core/results.ts';
import { escapeHtml } from './escape.ts';
import { MISSING } from '../core/format.ts';
import { deltaWithInterval, needsAttention, type GateCellRow, type GateView } from './gate-view.ts';
import type { PairedView } from './paired-view.ts';
import type { ReportModel } from './model.ts';
import type { TargetRow, TargetsView } from './targets-view.ts';
import type { Tone } from './tone.ts';

export interface MarkdownOptions {
  /** Where the HTML report was written, as the reader should see it; null when it was not written. */
  readonly htmlPath: string | null;
}

/** Failed jobs listed before the rest are only counted. */
const MAX_FAILED_JOBS = 20;
/** Characters of an error message kept in the failed-jobs table (its first line only). */
const MAX_ERROR_CHARS = 200;

const MARK: Readonly<Record<Tone, string>> = { bad: '❌', good: '✅', warn: '⚠️', muted: '➖', plain: '' };

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text for Markdown prose and table cells: HTML-significant characters as
 * entities, Markdown punctuation backslash-escaped (CommonMark §2.4: any
 * ASCII punctuation may be), newlines as <br> (inside a cell a newline would
 * end the row), other control characters dropped.
 */
export function mdText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c] ?? c)
    .replace(/[\\`*_[\]|~#!]/g, (c) => `\\${c}`)
    .replace(/\n/g, '<br>');
}

/**
 * A code span (paths, ids) that is safe in a table cell: the fence is longer
 * than any backtick run inside (CommonMark §6.1), `|` is escaped (GFM
 * splits cells before it parses code spans), newlines become spaces.
 */
export function mdCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A table from trusted header text and already-escaped cells. */
function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number> = new Set()): string {
  const rule = header.map((_, i) => (rightAligned.has(i) ? '---:' : '---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A <details> block; the blank lines let GitHub render the Markdown inside it. `summary` is HTML (escapeHtml), not Markdown. */
function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function marked(tone: Tone, text: string): string {
  const mark = MARK[tone];
  return mark === '' ? text : `${mark} ${text}`;
}

// ---------------------------------------------------------------- title

interface Outcome {
  readonly tone: Tone;
  readonly parts: readonly string[];
}

function failedJobs(model: ReportModel): JobResult[] {
  return model.results.results.filter((r) => r.status !== 'ok').sort((a, b) => a.index - b.index);
}

function outcomeOf(model: ReportModel, gate: GateView | null, targets: TargetsView | null): Outcome {
  const parts: string[] = [];
  const tones: Tone[] = [];
  const { completeness } = model;
  if (completeness.stoppedEarly) {
    // First, and never green: whatever follows describes part of the plan.
    parts.push(`stopped early, ${completeness.finished} of ${completeness.planned} planned jobs ran`);
    tones.push('warn');
  }
  if (model.paired !== null) {
    const { record } = model.paired;
    parts.push(record.outcome === 'pass' ? `paired gate passed vs ${record.sides[0].label}` : `paired gate ${record.outcome} vs ${record.sides[0].label}`);
    tones.push(model.paired.tone);
  }
  if (gate !== null) {
    const regressions = gate.counts.confirmed + gate.counts.regressed;
    const detail = gate.record.outcome === 'regressed' ? ` (${regressions} regression${regressions === 1 ? '' : 's'})` : '';
    parts.push(`gate ${gate.record.outcome === 'pass' ? 'passed' : gate.record.outcome}${detail}`);
    tones.push(gate.tone);
  }
  if (targets !== null && targets.rows.length > 0) {
    const { fail, undecided, 'no data': noData } = targets.counts;
    if (fail > 0) {
      parts.push(`${fail} target${fail === 1 ? '' : 's'} failed${targets.enforced ? '' : ' (not enforced)'}`);
      tones.push(targets.enforced ? 'bad' : 'warn');
    } else if (undecided > 0) {
      parts.push(`${undecided} target${undecided === 1 ? '' : 's'} undecided (interval straddles the bound)`);
      tones.push('warn');
    } else {
      const met = completeness.stoppedEarly ? 'targets met by the jobs that ran' : 'targets met';
      parts.push(noData > 0 ? `${met}, ${noData} without data` : met);
      tones.push(noData > 0 ? 'warn' : 'good');
    }
  }
  const failed = failedJobs(model).length;
  const jobs = model.results.results.length;
  // A run can fail as a whole with every job ok (outputs that disagree): its first line says how.
  for (const failure of model.runFailures) {
    const headline = failure.split('\n')[0]!.replace(/:$/, '');
    parts.push(headline.charAt(0).toLowerCase() + headline.slice(1));
    tones.push('bad');
  }
  if (failed > 0) {
    parts.push(`${failed} of ${jobs} jobs failed`);
    tones.push('bad');
  } else if (parts.length === (completeness.stoppedEarly ? 1 : 0)) {
    parts.push(`${jobs} job${jobs === 1 ? '' : 's'} ok`);
    tones.push('good');
  }
  if (model.results.finishedAt === null) {
    parts.push('in progress');
    tones.push('warn');
  }
  const tone: Tone = tones.includes('bad') ? 'bad' : tones.includes('warn') ? 'warn' : 'good';
  return { tone, parts };
}

function titleBlock(model: ReportModel, outcome: Outcome): string {
  const { results } = model;
  const facts = [
    `run ${mdCode(results.runId)}`,
    `${results.options.repeats} repeat${results.options.repeats === 1 ? '' : 's'}`,
    `variants ${mdText(results.options.variants.join(', ') || MISSING)}`,
  ];
  if (results.options.quick) facts.push('**quick mode**: indicative numbers only');
  return `## ${marked(outcome.tone, `varbench · ${mdText(results.scenario.name)}: ${mdText(outcome.parts.join(', '))}`)}\n\n${facts.join(' · ')}`;
}

// ---------------------------------------------------------------- variants

function variantsBlock(model: ReportModel): string | null {
  const { valueTitle, baselineVariant, rows } = model.subject.report.variantTable(model);
  if (rows.length === 0) return null;
  const anyNotRun = rows.some((r) => r.notRun > 0);
  const header = [
    'Variant',
    valueTitle,
    'Interval of the median (coverage)',
    baselineVariant === null ? 'Speed-up' : `vs ${mdText(baselineVariant)}`,
    anyNotRun ? 'Repeats ok / failed / not run' : 'Repeats ok / failed',
  ];
  const body = rows.map((r) => [
    mdText(r.variant),
    r.value === null ? 'no ok repeat' : mdText(r.value),
    mdText(r.interval ?? MISSING),
    mdText(r.speedup ?? MISSING),
    `${r.ok} / ${r.failed}${anyNotRun ? ` / ${r.notRun}` : ''}${r.failed > 0 ? ' ❌' : r.notRun > 0 ? ' ⚠️' : ''}`,
  ]);
  return `### Variants\n\n${table(header, body, new Set([1, 2, 3, 4]))}`;
}

// ---------------------------------------------------------------- paired gate

const PAIRED_HEADER = ['Decision', 'Variant', 'Metric', 'A median', 'B median', 'B/A change [CI]', 'p adj.', 'Pairs (B/A)', 'Note'];
const PAIRED_RIGHT = new Set([3, 4, 5, 6]);

function pairedBlock(view: PairedView): string {
  const parts = [`### Paired gate (--against)

**${marked(view.tone, mdText(view.headline))}**`];
  parts.push([`A: ${mdText(view.sideA)}`, `B: ${mdText(view.sideB)}`, mdText(view.settings)].map((f) => `- ${f}`).join('\n'));
  const rows = view.rows.map((row) => [
    marked(row.tone, row.tone === 'bad' ? `**${mdText(row.decisionText)}**` : mdText(row.decisionText)),
    mdText(row.variant),
    mdText(row.metric),
    mdText(row.medianA),
    mdText(row.medianB),
    mdText(`${row.change} ${row.interval}`),
    mdText(row.adjustedP),
    sparkline(row.pairRatios),
    mdText(row.note),
  ]);
  parts.push(table(PAIRED_HEADER, rows, PAIRED_RIGHT));
  return parts.join('\n\n');
}

const SPARK = '▁▂▃▄▅▆▇█';

/** Each pair's B/A as a block character, lowest to highest across the cell's pairs: the pairs at a glance. */
function sparkline(ratios: readonly number[]): string {
  if (ratios.length === 0) return '';
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  const span = high - low || 1;
  return ratios.map((r) => SPARK[Math.min(SPARK.length - 1, Math.floor(((r - low) / span) * SPARK.length))]).join('');
}

// ---------------------------------------------------------------- gate

const GATE_HEADER = ['Verdict', 'Variant', 'Metric', 'Baseline', 'Current', 'Change [CI]', 'p', 'p adj.', 'Threshold', 'Reason'];
const GATE_RIGHT = new Set([3, 4, 5, 6, 7, 8]);

function gateRow(row: GateCellRow): string[] {
  const verdict = marked(row.tone, row.tone === 'bad' ? `**${mdText(row.statusText)}**` : mdText(row.statusText));
  return [
    verdict,
    mdText(row.where),
    mdText(row.metric),
    mdText(row.baseline),
    mdText(row.currentSamples === null ? row.current : `${row.current} (${row.currentSamples})`),
    mdText(deltaWithInterval(row)),
    mdText(row.p),
    mdText(row.adjustedP),
    mdText(row.threshold),
    mdText(row.reason),
  ];
}

function gateBlock(view: GateView): string {
  const gate = view.record;
  const parts = [`### Baseline gate\n\n**${marked(view.tone, mdText(view.title))}**`];
  if (!gate.comparability.comparable) {
    const reasons = gate.comparability.reasons.map((r) => `> - ${mdText(r)}`).join('\n');
    parts.push(`> The runs differ in:\n${reasons}\n>\n> Every cell is "not comparable"; compare on the kind of machine the baseline was saved on, or save a new baseline on this one.`);
  }
  const facts = [`Baseline ${mdText(view.baseline)}`, ...gate.comparability.warnings.map((w) => `Warning: ${mdText(w)}`), mdText(view.calibration), mdText(view.confirmation), mdText(view.falseAlarm), mdText(`${view.correction}; ${view.settings}`)];
  if (view.note !== null) facts.push(`Note: ${mdText(view.note)}`);
  parts.push(facts.map((f) => `- ${f}`).join('\n'));

  const attention = gate.comparability.comparable ? view.rows.filter(needsAttention) : [];
  const rest = view.rows.filter((row) => !attention.includes(row));
  if (attention.length > 0) parts.push(table(GATE_HEADER, attention.map(gateRow), GATE_RIGHT));
  if (rest.length > 0) {
    const what = gate.comparability.comparable ? 'unchanged' : 'not comparable (figures for reading only)';
    parts.push(details(`${rest.length} cell${rest.length === 1 ? '' : 's'} ${what}`, table(GATE_HEADER, rest.map(gateRow), GATE_RIGHT)));
  }
  if (view.samplesLegend !== null) parts.push(mdText(view.samplesLegend));
  return parts.join('\n\n');
}

// ---------------------------------------------------------------- targets

const TARGET_HEADER = ['Status', 'Target', 'Bound', 'Measured', 'Note'];

function targetRow(row: TargetRow): string[] {
  const status = row.status === 'fail' ? `**${row.status}**` : mdText(row.status);
  const target = row.source === null ? mdText(row.target) : `${mdText(row.target)}<br>_${mdText(row.source)}_`;
  return [marked(row.tone, status), target, mdText(row.bound), mdText(row.measured), mdText(row.note ?? '')];
}

function targetsBlock(view: TargetsView): string {
  const parts = [`### Targets: ${mdText(view.countsText)}\n\nSet ${mdCode(view.name)} from ${mdCode(view.file)} · ${mdText(view.enforcement)}`];
  if (view.rows.length > 0) parts.push(table(TARGET_HEADER, view.rows.map(targetRow), new Set([2, 3])));
  else parts.push('The target set has no targets for this scenario.');
  if (view.samplesLegend !== null) parts.push(mdText(view.samplesLegend));
  if (view.noScenario.length > 0) {
    const n = view.noScenario.length;
    parts.push(
      details(
        `${n} target${n === 1 ? '' : 's'} of scenarios that do not exist yet: ${escapeHtml(view.missingScenarios.join(', '))}`,
        table(TARGET_HEADER, view.noScenario.map(targetRow), new Set([2, 3])),
      ),
    );
  }
  return parts.join('\n\n');
}

// ---------------------------------------------------------------- failed jobs

function firstLine(message: string): string {
  const line = message.split(/\r?\n/, 1)[0] ?? '';
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS)}…` : line;
}

function failedBlock(model: ReportModel): string | null {
  const failed = failedJobs(model);
  if (failed.length === 0) return null;
  const rows = failed.slice(0, MAX_FAILED_JOBS).map((r) => {
    const kind = r.reference ? ' (reference)' : r.profile ? ` (${r.profile.kind} profile)` : '';
    const message = r.error?.message ?? (r.status === 'timeout' ? 'timed out (no error message recorded)' : 'no error message recorded');
    return [`${mdText(r.variant)}${kind}`, String(r.repeat), mdText(r.status), mdText(r.error?.phase ?? MISSING), mdText(firstLine(message))];
  });
  const more = failed.length > MAX_FAILED_JOBS ? `\n\n… and ${failed.length - MAX_FAILED_JOBS} more: see the HTML report.` : '';
  return `### Failed jobs (${failed.length})\n\n${table(['Variant', 'Repeat', 'Status', 'Phase', 'Error'], rows, new Set([1]))}${more}`;
}

// ---------------------------------------------------------------- page

export function renderMarkdownSummary(model: ReportModel, options: MarkdownOptions): string {
  const { targets, gate } = model;
  const blocks = [
    titleBlock(model, outcomeOf(model, gate, targets)),
    variantsBlock(model),
    model.paired === null ? null : pairedBlock(model.paired),
    gate === null ? null : gateBlock(gate),
    targets === null ? null : targetsBlock(targets),
    model.runFailures.length === 0 ? null : ['**The run failed:**', ...model.runFailures.map((f) => `- ${mdText(f.replace(/\n\s*/g, ' '))}`)].join('\n'),
    failedBlock(model),
    options.htmlPath === null ? 'HTML report: not written.' : `HTML report: ${mdCode(options.htmlPath)}`,
  ];
  return `${blocks.filter((b): b is string => b !== null).join('\n\n')}\n`;
}
