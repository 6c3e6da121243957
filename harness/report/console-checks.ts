/**
 * The run's checks in the terminal, after the variant table: the targets
 * (compact: "no scenario" targets folded into one line), the baseline
 * gate (the outcome line first, then only the cells worth reading, the
 * unchanged ones counted) and the paired gate (--against: every cell, worse first). Statuses are words, upper case when they fail
 * the run, so the text reads the same without colour.
 */
import { ANSI, padCells, painter, paintTone, plain } from './console-text.ts';
import { deltaWithInterval, needsAttention, type GateView } from './gate-view.ts';
import type { ReportModel } from './model.ts';
import type { TargetsView } from './targets-view.ts';
import type { PairedView } from './paired-view.ts';

export interface ChecksConsoleOptions {
  readonly color?: boolean;
}

type Paint = (code: string, text: string) => string;

/** Every line of `lines` indented, with nothing from the results able to move the cursor. */
function indent(lines: readonly string[]): string[] {
  return lines.map((line) => `  ${line}`);
}

function targetsText(view: TargetsView, paint: Paint): string[] {
  const out = [plain(`targets '${view.name}' (${view.file}): ${view.countsText} · ${view.enforcement}`)];
  const rows = view.rows.map((row) => [
    row.status === 'fail' ? 'FAIL' : row.status,
    plain(row.source === null ? row.target : `${row.target} (${row.source})`),
    plain(row.bound),
    plain(row.measured),
    plain(row.note ?? ''),
  ]);
  const lines = padCells(rows, new Set());
  out.push(...indent(lines.map((line, i) => paintTone(paint, view.rows[i]!.tone, line))));
  if (view.samplesLegend !== null) out.push(...indent([plain(view.samplesLegend)]));
  if (view.noScenario.length > 0) {
    const count = view.noScenario.length;
    out.push(
      ...indent([
        paint(ANSI.dim, plain(`no scenario (${count} target${count === 1 ? '' : 's'}, not checked until they exist): ${view.missingScenarios.join(', ')}`)),
      ]),
    );
  }
  return out;
}

function gateText(view: GateView, paint: Paint): string[] {
  const gate = view.record;
  const out = [paintTone(paint, view.tone, plain(view.headline))];
  // The headline already says why a baseline is not comparable.
  const facts: string[] = [`baseline ${view.baseline}`];
  facts.push(...gate.comparability.warnings.map((warning) => `warning: ${warning}`));
  facts.push(view.calibration, view.confirmation, view.falseAlarm, `${view.correction}; ${view.settings}`);
  if (view.note !== null) facts.push(`note: ${view.note}`);
  out.push(...indent(facts.map(plain)));

  // Without comparability every cell is "not comparable": listing them all says nothing the outcome line has not.
  const listed = gate.comparability.comparable ? view.rows.filter(needsAttention) : [];
  if (listed.length > 0) {
    const header = ['verdict', 'variant', 'metric', 'baseline', 'current', 'change [CI]', 'p', 'p adj.'];
    const rows = listed.map((row) => [
      row.tone === 'bad' ? row.statusText.toUpperCase() : row.statusText,
      plain(row.where),
      plain(row.metric),
      row.baseline,
      row.currentSamples === null ? row.current : `${row.current} (${row.currentSamples})`,
      deltaWithInterval(row),
      row.p,
      row.adjustedP,
    ]);
    const lines = padCells([header, ...rows], new Set([3, 4, 6, 7]));
    out.push(...indent([lines[0]!, ...lines.slice(1).map((line, i) => paintTone(paint, listed[i]!.tone, line))]));
    if (view.samplesLegend !== null && listed.some((row) => row.currentSamples !== null)) out.push(...indent([plain(view.samplesLegend)]));
  }
  const unlisted = view.rows.length - listed.length;
  if (unlisted > 0) {
    const what = gate.comparability.comparable ? 'unchanged (within their noise thresholds or not significant)' : 'not compared';
    out.push(...indent([`${unlisted} other cell${unlisted === 1 ? '' : 's'} ${what}`]));
  }
  return out;
}

function pairedText(view: PairedView, paint: Paint): string[] {
  const out = [paintTone(paint, view.tone, plain(`paired gate: ${view.headline}`))];
  out.push(...indent([plain(`A: ${view.sideA}`), plain(`B: ${view.sideB}`), plain(view.settings)]));
  const header = ['decision', 'variant', 'metric', 'A median', 'B median', 'B/A change [CI]', 'p adj.', ''];
  const rows = view.rows.map((row) => [
    row.tone === 'bad' || row.tone === 'warn' ? row.decisionText.toUpperCase() : row.decisionText,
    plain(row.variant),
    plain(row.metric),
    row.medianA,
    row.medianB,
    `${row.change} ${row.interval}`,
    row.adjustedP,
    plain(row.note),
  ]);
  const lines = padCells([header, ...rows], new Set([3, 4, 6]));
  out.push(...indent([lines[0]!, ...lines.slice(1).map((line, i) => paintTone(paint, view.rows[i]!.tone, line))]));
  return out;
}

/** The checks block, starting with a blank line; empty when the run had neither targets nor a baseline. */
export function renderChecksConsole(model: ReportModel, options: ChecksConsoleOptions = {}): string {
  const paint = painter(options.color);
  const blocks: string[][] = [];
  if (model.targets) blocks.push(targetsText(model.targets, paint));
  if (model.gate) blocks.push(gateText(model.gate, paint));
  if (model.paired) blocks.push(pairedText(model.paired, paint));
  return blocks.map((lines) => `\n${lines.join('\n')}\n`).join('');
}
