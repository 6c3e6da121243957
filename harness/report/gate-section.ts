/**
 * The report's baseline section (--baseline NAME): which baseline, whether
 * it could be compared at all, how machine speed was accounted for, the
 * outcome and how far to trust it (false-alarm estimate, sample-size note,
 * correction), then one row per cell in the comparison's order, regressions
 * first. Renders nothing when the run had no baseline (results.gate null).
 */
import { EXACT_MAX_TOTAL } from '../stats/mann-whitney.ts';
import { escapeHtml as h } from './escape.ts';
import type { GateCellRow, GateView } from './gate-view.ts';
import { statusPill, toneClass } from './tone.ts';

const OUTCOME_BOX = { bad: 'error-box', good: 'ok-box', warn: 'notice-box', muted: 'notice-box', plain: 'notice-box' } as const;

function list(items: readonly string[]): string {
  return `<ul>${items.map((item) => `<li>${h(item)}</li>`).join('')}</ul>`;
}

/** The outcome; when the baseline is not comparable, the reasons with it, since they are the outcome. */
function outcomeHtml(view: GateView): string {
  const { comparable, reasons } = view.record.comparability;
  if (comparable) return `<div class="${OUTCOME_BOX[view.tone]}" id="gate-outcome"><b>${h(view.headline)}</b></div>`;
  return `<div class="notice-box gate-blocked" id="gate-outcome"><b>${h(view.title)}.</b> The runs differ in:${list(reasons.length > 0 ? reasons : ['the environments'])}
Every verdict below is "not comparable" and its figures are for reading only. Compare on the kind of machine the baseline was saved on, or save a new baseline on this one.</div>`;
}

function warningsHtml(view: GateView): string {
  const { warnings } = view.record.comparability;
  return warnings.length > 0 ? `<div class="notice-box" id="gate-warnings"><b>Differences that do not prevent the comparison:</b>${list(warnings)}</div>` : '';
}

function rowHtml(row: GateCellRow): string {
  const flagged = row.status === 'regressed' || row.status === 'confirmed';
  const interval = row.deltaInterval === null ? '' : `<span class="sub">${h(row.deltaInterval)}</span>`;
  return (
    `<tr class="cell-${row.status.replace(' ', '-')}${flagged ? ' row-bad' : ''}" data-cell="${h(row.id)}">` +
    `<td class="variant">${h(row.where)}</td>` +
    `<td>${h(row.metric)}</td>` +
    `<td class="num">${h(row.baseline)}</td>` +
    `<td class="num">${h(row.current)}${row.currentSamples === null ? '' : `<span class="sub">${h(row.currentSamples)}</span>`}</td>` +
    `<td class="num ${toneClass(row.tone)}">${h(row.delta)}${interval}</td>` +
    `<td class="num">${h(row.p)}</td>` +
    `<td class="num">${h(row.adjustedP)}</td>` +
    `<td class="num">${h(row.threshold)}</td>` +
    `<td>${statusPill(h(row.statusText), row.tone)}</td>` +
    `<td class="reason">${h(row.reason)}</td></tr>`
  );
}

export function renderGateSection(view: GateView | null): string {
  if (view === null) return '';
  const facts: [string, string][] = [
    ['Baseline', view.baseline],
    ['Machine speed', view.calibration],
    ['Confirmation', view.confirmation],
    ['False alarms', view.falseAlarm],
    ['Significance', view.correction],
    ['Settings', view.settings],
  ];
  const note = view.note === null ? '' : `<p class="notice-box" id="gate-note">${h(view.note)}</p>`;
  const confidence = view.record.comparison.cells.find((c) => c.interval !== null)?.interval?.confidence ?? 0.95;
  return `<section class="card" id="gate">
<h2>Baseline comparison</h2>
${outcomeHtml(view)}
${warningsHtml(view)}
<dl class="facts">
${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('\n')}
</dl>
${note}
<div class="table-wrap"><table class="gate-cells">
<thead><tr><th>Variant</th><th>Metric</th><th class="num">Baseline<br>median</th><th class="num">Current<br>median</th><th class="num">Change<br>${Math.round(confidence * 100)}% CI</th><th class="num">p</th><th class="num">p<br>adjusted</th><th class="num">Threshold</th><th>Verdict</th><th>Reason</th></tr></thead>
<tbody>
${view.rows.map(rowHtml).join('\n')}
</tbody>
</table></div>
${view.samplesLegend === null ? '' : `<p class="note" id="gate-few-samples">${h(view.samplesLegend)}</p>`}
<p class="note">Change is the ratio of medians, current ÷ baseline, minus one, with current samples normalised to the baseline machine's speed; the interval is a bootstrap interval of that ratio. A cell regresses when its adjusted p is below α, its change is beyond its threshold in the bad direction, and the rank test agrees. p is a two-sided Mann-Whitney test over repeats (exact up to ${EXACT_MAX_TOTAL} repeats in all); p adjusted corrects it for the number of cells compared (see Significance above).</p>
</section>`;
}
