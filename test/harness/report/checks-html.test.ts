import { describe, expect, it } from 'vitest';
import { loadReportAssets } from '../../../harness/report/assets.ts';
import { renderHtml } from '../../../harness/report/html.ts';
import { escapeHtml } from '../../../harness/report/escape.ts';
import { HOSTILE_BASELINE, HOSTILE_VARIANT, SLOW_VARIANT, checksModel } from './checks-fixtures.ts';
import { sampleModel } from './fixtures.ts';

const assets = loadReportAssets();

function section(html: string, id: string): string {
  const start = html.indexOf(`<section class="card" id="${id}">`);
  expect(start, `section #${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The <tr> elements of a section's first table body, in order. */
function bodyRows(html: string): string[] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return body.split('\n').filter((line) => line.startsWith('<tr'));
}

describe('HTML targets section', () => {
  const html = renderHtml(checksModel(), assets);
  const targets = section(html, 'targets');

  it('comes after the summary and before the charts', () => {
    const at = (id: string) => html.indexOf(`id="${id}"`);
    expect(at('summary')).toBeLessThan(at('targets'));
    expect(at('targets')).toBeLessThan(at('gate'));
    expect(at('gate')).toBeLessThan(at('charts'));
  });

  it('has the counts, the set and whether --check enforced it', () => {
    expect(targets).toContain('1 failed, 2 passed, 1 no data, 3 no scenario');
    expect(targets).toContain('set <b>fixture</b> from <code>targets/fixture.ts</code>');
    expect(targets).toContain('enforced (--check): a failed target makes the run exit 3');
  });

  it('lists failures first, then no data, then passes, each status as a coloured word', () => {
    const rows = bodyRows(targets);
    expect(rows.map((r) => /class="target-([a-z-]+)/.exec(r)![1])).toEqual(['fail', 'no-data', 'pass', 'pass']);
    expect(rows[0]).toContain('row-bad');
    expect(rows[0]).toContain('kv-mixed · naive · throughput<span class="sub">capacity plan</span>');
    expect(rows[0]).toContain('≥ 15.0k ops/s');
    expect(rows[0]).toContain('10.0k ops/s [9.9k ops/s, 10.1k ops/s]');
    expect(rows[0]).toContain('<span class="pill tone-bad">fail</span>');
    expect(rows[1]).toContain('<span class="pill tone-warn">no data</span>');
    expect(rows[1]).toContain('cached does not count cache hits and misses');
    expect(rows[2]).toContain('<span class="pill tone-good">pass</span>');
  });

  it('folds the targets of scenarios that do not exist yet into a details block', () => {
    const folded = targets.slice(targets.indexOf('<details class="no-scenario">'));
    expect(folded).toContain('<summary>3 targets of scenarios that do not exist yet: single-put, memory-10k</summary>');
    expect(folded.match(/<span class="pill tone-muted">no scenario<\/span>/g)).toHaveLength(3);
    expect(folded).toContain('single put &gt; 100k ops/s');
  });

  it('links the outcome from the header', () => {
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    expect(header).toContain('<a class="check-link" href="#targets"><span class="pill tone-bad">targets: 1 failed, 2 passed, 1 no data, 3 no scenario</span></a>');
    expect(header).toContain('<a class="check-link" href="#gate"><span class="pill tone-bad">gate: regressed vs &#39;ci&#39;</span></a>');
  });
});

describe('HTML baseline section', () => {
  const model = checksModel();
  const html = renderHtml(model, assets);
  const gate = section(html, 'gate');
  const rows = bodyRows(gate);

  it('states the outcome, the baseline, the calibration, the false-alarm estimate and the correction', () => {
    expect(gate).toContain('<div class="error-box" id="gate-outcome"><b>Gate: REGRESSED — 1 regression confirmed against baseline &#39;ci&#39;</b></div>');
    expect(gate).toContain('&#39;ci&#39; (reports/baselines/ci.json), saved 2024-12-01 00:01:00 UTC from run 2024-12-01T00-00-00Z-kv-mixed at commit fedcba987654');
    expect(gate).toContain('Current samples were normalised by it: rates ÷ 1.000, durations × 1.000');
    expect(gate).toContain('calibrate-noise: 0 of 10 self-comparisons alarmed; expected false-alarm rate ≤ 26% (95% upper bound)');
    expect(gate).toContain('confirmation round: flagged 1 cell in cached; re-ran 3 repeats per variant; confirmed 1; noise 0');
    expect(gate).toContain('Holm correction over 20 tested cells, α = 0.05');
  });

  it('has a row per cell, the regression first and highlighted, with p, adjusted p and the interval of the change', () => {
    expect(rows).toHaveLength(model.results.gate!.comparison.cells.length);
    const first = rows[0]!;
    expect(first).toContain(`data-cell="kv-mixed/${SLOW_VARIANT}/throughput"`);
    expect(first).toContain('row-bad');
    expect(first).toContain('<td>throughput</td>');
    expect(first).toContain('<td class="num">40.0k ops/s</td><td class="num">20.0k ops/s</td>');
    expect(first).toMatch(/<td class="num tone-bad">−50\.0%<span class="sub">\[−5\d\.\d, −4\d\.\d\]<\/span><\/td>/);
    const cell = model.results.gate!.comparison.cells[0]!;
    expect(cell.pValue).toBeCloseTo(2 / 924, 12);
    expect(first).toContain(`<td class="num">0.0022</td><td class="num">${cell.adjustedPValue!.toFixed(3)}</td><td class="num">±5%</td>`);
    expect(first).toContain('<span class="pill tone-bad">regressed · confirmed</span>');
    expect(first).toContain('<td class="reason">0.50× the baseline: 50.0% worse');
    for (const row of rows.slice(1)) {
      expect(row).not.toContain('row-bad');
      expect(row).toContain('<span class="pill tone-plain">unchanged</span>');
    }
  });

  it('adds the throughput change against the baseline to the per-variant summary', () => {
    const summary = section(html, 'summary');
    expect(summary).toContain('<th class="num">Throughput vs<br>baseline &#39;ci&#39;</th>');
    // The interval on a line of its own, so the column is as wide as its longest line.
    expect(summary).toMatch(/<td class="num tone-bad"><a href="#gate">−50\.0%<\/a><span class="sub">\[[^\]]+\]<\/span><span class="sub">regressed · confirmed<\/span><\/td>/);
    expect(summary).toMatch(/<td class="num tone-plain"><a href="#gate">0\.0%<\/a><span class="sub">\[[^\]]+\]<\/span><span class="sub">unchanged<\/span><\/td>/);
  });

  it('calls a flagged cell the confirmation round did not reproduce noise, and the gate passes', () => {
    const noisy = section(renderHtml(checksModel({ confirmation: 'noise' }), assets), 'gate');
    expect(noisy).toContain('<div class="ok-box" id="gate-outcome"><b>Gate: pass — 0 regressions, 0 improved, 19 unchanged, 1 noise (baseline &#39;ci&#39;)</b></div>');
    const first = bodyRows(noisy)[0]!;
    expect(first).toContain('<span class="pill tone-muted">noise (not reproduced)</span>');
    expect(first).not.toContain('row-bad');
  });

  it('marks a change too small a sample cannot confirm as suspect, and shows the comparison note', () => {
    const few = section(renderHtml(checksModel({ repeats: 3, confirmation: 'skipped' }), assets), 'gate');
    expect(few).toContain('<div class="ok-box" id="gate-outcome"><b>Gate: pass — 0 regressions, 0 improved, 19 unchanged, 1 suspect (baseline &#39;ci&#39;)</b></div>');
    expect(few).toMatch(/<p class="notice-box" id="gate-note">\d+ of 20 cells can never be flagged: with 3 vs 3 repeats/);
    const first = bodyRows(few)[0]!;
    expect(first).toContain(`data-cell="kv-mixed/${SLOW_VARIANT}/throughput"`);
    expect(first).toContain('<span class="pill tone-warn">suspect</span>');
    expect(first).toContain('<td class="num">0.1</td>');
  });

  it('says why the confirmation round was skipped', () => {
    const skipped = section(renderHtml(checksModel({ confirmation: 'skipped' }), assets), 'gate');
    expect(skipped).toContain('confirmation round skipped: turned off with --confirm 0');
    expect(skipped).toContain('Gate: REGRESSED — 1 regression against baseline');
  });

  it('shows a baseline that is not comparable in a box with the reasons, and no cell as a regression', () => {
    const blocked = section(renderHtml(checksModel({ otherCpu: true }), assets), 'gate');
    const box = blocked.slice(blocked.indexOf('<div class="notice-box gate-blocked" id="gate-outcome">'));
    expect(box).toContain('<b>Gate: not comparable with baseline &#39;ci&#39;: no cell can fail the gate.</b>');
    expect(box).toContain('<li>CPU model differs: baseline &quot;Fixture CPU @ 3.00GHz&quot;, now &quot;Another CPU @ 2.0GHz&quot;</li>');
    expect(blocked).not.toContain('id="gate-note"'); // the comparison's note would only repeat the reasons
    expect(blocked).not.toContain('row-bad');
    expect(blocked).not.toContain('tone-bad');
    for (const row of bodyRows(blocked)) expect(row).toContain('<span class="pill tone-muted">not comparable</span>');
  });

  it('escapes hostile variant and baseline names everywhere', () => {
    const hostile = renderHtml(checksModel({ hostile: true }), assets);
    expect(hostile).not.toContain(HOSTILE_VARIANT);
    expect(hostile).not.toContain(HOSTILE_BASELINE);
    expect(hostile).not.toContain('<script>alert');
    expect(hostile).not.toContain('<img');
    expect(section(hostile, 'gate')).toContain(escapeHtml(HOSTILE_VARIANT));
    expect(section(hostile, 'targets')).toContain(escapeHtml(HOSTILE_VARIANT));
    expect(section(hostile, 'gate')).toContain(escapeHtml(HOSTILE_BASELINE));
  });
});

describe('HTML report without checks', () => {
  it('renders no targets or baseline section, no header links and no baseline column', () => {
    const html = renderHtml(sampleModel(), assets);
    expect(html).not.toContain('id="targets"');
    expect(html).not.toContain('id="gate"');
    expect(html).not.toContain('class="checks"');
    expect(html).not.toContain('vs<br>baseline');
    const model = checksModel({ targets: false, gate: false });
    const plain = renderHtml(model, assets);
    expect(plain).not.toContain('id="targets"');
    expect(plain).not.toContain('id="gate"');
  });
});
