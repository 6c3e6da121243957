/**
 * The report's paired-gate section (--against REF): the two sides with their
 * commits, the outcome, the settings, then one row per cell, worse first:
 * both medians, B/A with its interval, the decision, and the pairs as a
 * small plot (each pair's B/A as a dot, the threshold band shaded, 1.0 as a
 * line), drawn as inline SVG so the report stays offline; with --profile
 * cpu, per variant the functions whose share of the CPU profile moved most
 * between the sides. Renders nothing without --against.
 */
import { escapeHtml as h } from './escape.ts';
import type { PairedRow, PairedView, ProfileMoves } from './paired-view.ts';
import { formatPercent } from '../core/format.ts';
import { relativeHref } from './relative-href.ts';
import { statusPill, toneClass } from './tone.ts';

const OUTCOME_BOX = { bad: 'error-box', good: 'ok-box', warn: 'notice-box', muted: 'notice-box', plain: 'notice-box' } as const;
const PLOT = { width: 160, height: 28, pad: 3 } as const;

/** The pairs' B/A on a log scale that always shows the threshold band and 1.0. */
export function pairsPlot(row: PairedRow): string {
  const values = [...row.pairRatios, row.band[0], row.band[1]].map(Math.log);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const y = (ratio: number): number => PLOT.pad + (1 - (Math.log(ratio) - low) / span) * (PLOT.height - 2 * PLOT.pad);
  const step = row.pairRatios.length > 1 ? (PLOT.width - 2 * PLOT.pad) / (row.pairRatios.length - 1) : 0;
  const dots = row.pairRatios
    .map((ratio, i) => `<circle cx="${(PLOT.pad + i * step).toFixed(1)}" cy="${y(ratio).toFixed(1)}" r="2"><title>pair ${i + 1}: B/A ${ratio.toFixed(4)}</title></circle>`)
    .join('');
  const bandTop = y(row.band[1]);
  const bandBottom = y(row.band[0]);
  return (
    `<svg class="pairs-plot ${toneClass(row.tone)}" width="${PLOT.width}" height="${PLOT.height}" role="img" aria-label="B/A of each pair">` +
    `<rect x="0" y="${bandTop.toFixed(1)}" width="${PLOT.width}" height="${(bandBottom - bandTop).toFixed(1)}" class="band"/>` +
    `<line x1="0" x2="${PLOT.width}" y1="${y(1).toFixed(1)}" y2="${y(1).toFixed(1)}" class="unity"/>${dots}</svg>`
  );
}

function rowHtml(row: PairedRow): string {
  return (
    `<tr class="paired-${row.decision}${row.decision === 'worse' ? ' row-bad' : ''}" data-cell="${h(row.id)}">` +
    `<td class="variant">${h(row.variant)}</td>` +
    `<td>${h(row.metric)}</td>` +
    `<td class="num">${h(row.medianA)}</td>` +
    `<td class="num">${h(row.medianB)}</td>` +
    `<td class="num ${toneClass(row.tone)}">${h(row.change)}<span class="sub">${h(row.interval)}</span></td>` +
    `<td class="num">${h(row.p)}</td>` +
    `<td class="num">${h(row.adjustedP)}</td>` +
    `<td>${statusPill(h(row.decisionText), row.tone)}${row.note ? `<span class="sub">${h(row.note)}</span>` : ''}</td>` +
    `<td>${pairsPlot(row)}</td></tr>`
  );
}

function share(value: number | null): string {
  return value === null ? 'not in its top 10' : formatPercent(value);
}

function movesHtml(profile: ProfileMoves): string {
  const rows = profile.moves
    .map((m) => {
      const change = m.change === null ? '—' : `${m.change >= 0 ? '+' : '−'}${formatPercent(Math.abs(m.change))} points`;
      const tone = m.change === null ? '' : m.change > 0 ? ' tone-bad' : ' tone-good';
      const where = `${m.url}${m.line === null ? '' : `:${m.line}`}`;
      return `<tr><td><code>${h(m.functionName)}</code><span class="sub">${h(where)}</span></td><td class="num">${h(share(m.shareA))}</td><td class="num">${h(share(m.shareB))}</td><td class="num${tone}">${h(change)}</td></tr>`;
    })
    .join('\n');
  const link = (file: string | null, text: string): string => {
    const href = file === null ? null : relativeHref(file);
    return href === null ? '' : `<a href="${h(href)}">${h(text)}</a>`;
  };
  const links = [link(profile.profileA, "side A's profile"), link(profile.profileB, "side B's profile")].filter(Boolean).join(' · ');
  return `<h3>${h(profile.variant)}: where CPU time moved</h3>
<div class="table-wrap"><table class="profile-moves" data-variant="${h(profile.variant)}">
<thead><tr><th>Function</th><th class="num">Share of A's profile</th><th class="num">Share of B's profile</th><th class="num">Change</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
${links === '' ? '' : `<p class="note">${links} (open in Chrome DevTools or speedscope).</p>`}`;
}

export function renderPairedSection(view: PairedView | null): string {
  if (view === null) return '';
  const facts: [string, string][] = [
    ['Side A', view.sideA],
    ['Side B', view.sideB],
    ['Settings', view.settings],
  ];
  return `<section class="card" id="paired">
<h2>Paired comparison (--against)</h2>
<div class="${OUTCOME_BOX[view.tone]}" id="paired-outcome"><b>${h(view.headline)}</b></div>
<dl class="facts">
${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('\n')}
</dl>
<div class="table-wrap"><table class="paired-cells">
<thead><tr><th>Variant</th><th>Metric</th><th class="num">A median</th><th class="num">B median</th><th class="num">B/A − 1<br>interval</th><th class="num">p</th><th class="num">p<br>adjusted</th><th>Decision</th><th>Pairs (B/A; band ±threshold)</th></tr></thead>
<tbody>
${view.rows.map(rowHtml).join('\n')}
</tbody>
</table></div>
${view.profileMoves.map(movesHtml).join('\n')}
<p class="note">Side A and side B ran the same jobs alternately (ABBA), each job in its own process running its own side's code, so each pair saw the same machine. B/A − 1 is the Hodges-Lehmann estimate of the pairs' log ratios, with its exact interval at the confidence above. A cell is worse (or better) when its whole interval lies beyond the threshold, the same when it lies inside ±threshold, and undecided otherwise. p is the Wilcoxon signed-rank test of the same log ratios, Holm-adjusted over the cells; it is shown for reading and does not decide.</p>
</section>`;
}
