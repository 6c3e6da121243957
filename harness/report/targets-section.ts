/**
 * The report's targets section: every check of this scenario, failures
 * first, and the targets of scenarios that do not exist yet folded away
 * (they can outnumber the rest). Renders nothing when the run checked no
 * targets (results.targets is null, e.g. a balance run).
 */
import { escapeHtml as h } from './escape.ts';
import { statusPill } from './tone.ts';
import type { TargetRow, TargetsView } from './targets-view.ts';

function rowHtml(row: TargetRow): string {
  const source = row.source === null ? '' : `<span class="sub">${h(row.source)}</span>`;
  return (
    `<tr class="target-${row.status.replace(' ', '-')}${row.status === 'fail' ? ' row-bad' : ''}">` +
    `<td>${h(row.target)}${source}</td>` +
    `<td class="num">${h(row.bound)}</td>` +
    `<td class="num">${h(row.measured)}</td>` +
    `<td>${statusPill(h(row.status), row.tone)}</td>` +
    `<td class="reason">${h(row.note ?? '')}</td></tr>`
  );
}

function tableHtml(rows: readonly TargetRow[]): string {
  return `<div class="table-wrap"><table>
<thead><tr><th>Target</th><th class="num">Bound</th><th class="num">Measured<br>median [CI]</th><th>Status</th><th>Note</th></tr></thead>
<tbody>
${rows.map(rowHtml).join('\n')}
</tbody>
</table></div>`;
}

export function renderTargetsSection(view: TargetsView | null): string {
  if (view === null) return '';
  const main = view.rows.length > 0 ? tableHtml(view.rows) : '<p class="note">The target set has no targets for this scenario.</p>';
  const missing =
    view.noScenario.length > 0
      ? `<details class="no-scenario"><summary>${view.noScenario.length} target${view.noScenario.length === 1 ? '' : 's'} of scenarios that do not exist yet: ${h(view.missingScenarios.join(', '))}</summary>
${tableHtml(view.noScenario)}
</details>`
      : '';
  const failed = view.counts.fail > 0;
  return `<section class="card" id="targets">
<h2>Targets</h2>
<p class="checks-head"><span class="${failed ? 'bad' : 'ok'}">${h(view.countsText)}</span> · set <b>${h(view.name)}</b> from <code>${h(view.file)}</code> · ${h(view.enforcement)}</p>
${main}
${view.samplesLegend === null ? '' : `<p class="note" id="targets-few-samples">${h(view.samplesLegend)}</p>`}
${missing}
<p class="note">A target passes when its point estimate meets the bound: the median across repeats for throughput and GC pause, the merged-histogram percentile for latency, the maximum across repeats for peak memory. The interval is shown for reading; the note says when it straddles the bound.</p>
</section>`;
}
