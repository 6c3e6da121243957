import { describe, expect, it } from 'vitest';
import type { BalanceRunSummary } from '../../../../harness/subjects/balance/run-summary.ts';
import { loadReportAssets } from '../../../../harness/report/assets.ts';
import type { ChartSpec } from '../../../../harness/report/chart-spec.ts';
import { escapeHtml } from '../../../../harness/report/escape.ts';
import { renderHtml } from '../../../../harness/report/html.ts';
import type { BalanceReportModel as ReportModel } from '../../../../harness/subjects/balance/run-summary.ts';
import { BALANCE_HOSTILE, balanceModel } from './report-fixtures.ts';
import { sampleModel } from '../../report/fixtures.ts';

const assets = loadReportAssets();

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function embeddedCharts(html: string): ChartSpec[] {
  const match = /<script type="application\/json" id="varbench-data">([^<]*)<\/script>/.exec(html);
  expect(match, 'embedded JSON data block').not.toBeNull();
  return (JSON.parse(match![1]!) as { charts: ChartSpec[] }).charts;
}

function section(html: string, id: string): string {
  const start = html.indexOf(`<section class="card" id="${id}">`);
  expect(start, `section #${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The first table row whose first cell names `label` (after its swatch). */
function row(summary: string, label: string): string {
  const start = summary.indexOf(`</span>${label}<`);
  expect(start, `row ${label}`).toBeGreaterThanOrEqual(0);
  return summary.slice(summary.lastIndexOf('<tr', start), summary.indexOf('</tr>', start));
}

function withBalance(model: ReportModel, change: (b: BalanceRunSummary) => BalanceRunSummary): ReportModel {
  return { ...model, analysis: change(model.analysis) };
}

describe('renderHtml for a balance run', () => {
  const model = balanceModel();
  const html = renderHtml(model, assets);
  const summary = section(html, 'summary');

  it('is one self-contained, deterministic document', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(count(html, '<script')).toBe(3);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(renderHtml(balanceModel(), assets)).toBe(html);
  });

  it('has the header with job counts, then the balance sections and none of the storage ones', () => {
    expect(html).toContain('<h1>balance-fixture</h1>');
    expect(html).toContain('11 jobs ok</span> · <span class="bad">1 failed</span>');
    const ids = [...html.matchAll(/<section class="card" id="([^"]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(['scenario', 'summary', 'charts', 'runtime', 'failed', 'environment']);
    for (const storageOnly of ['Op mix', 'Harness overhead', 'Latency by op type', 'ops/s', 'Throughput']) {
      expect(html, storageOnly).not.toContain(storageOnly);
    }
  });

  it('shows the generated source as declared, with runs and repeats', () => {
    const scenario = section(html, 'scenario');
    expect(scenario).toContain('<dt>Seed</dt><dd>7</dd>');
    expect(scenario).toContain('3 ERC-20 contracts (the real ETH and STRK contracts first)');
    expect(scenario).toContain('2,000 requested');
    expect(scenario).toContain('<dt>Other holders</dt><dd>500 not requested');
    expect(scenario).toContain('<dt>Blocks</dt><dd>200</dd>');
    expect(scenario).toContain('<dt>Transfers per block</dt><dd>40 balance changes');
    expect(scenario).toContain('<dt>Noise per block</dt><dd>60 storage writes that are not balances</dd>');
    expect(scenario).toContain('<dt>Other contracts</dt><dd>5 ');
    expect(scenario).toContain('1 cold + 5 measured pipeline runs in one process');
    expect(scenario).toContain('<dt>Repeats</dt><dd>3</dd>');
  });

  it('has a row per variant: end to end with its interval, spread, speedup, vs SQL, cold run, rows, outputs, verified', () => {
    const cached = row(summary, 'cached');
    expect(cached).toMatch(/<span class="swatch" style="background:#f28e2b"><\/span>cached/);
    expect(cached).toContain('<b>204 ms</b>');
    expect(cached).toContain('199 ms – 212 ms');
    expect(cached).toContain('CV 3.2%');
    expect(cached).toContain('12.1×');
    expect(cached).toContain('1.59×');
    expect(cached).toContain('375 ms<span class="sub">slot mapping 132 ms</span><span class="sub">15.2k hashes/s</span>');
    // Rows scanned per second of the median stages shown below the table: 14,250 / (139 + 36 ms).
    expect(cached).toContain('6,000<span class="sub">14,250 scanned</span><span class="sub">3,050 unmapped</span><span class="sub">81.4k rows/s</span>');
    expect(cached).toContain('<td class="num ok">yes</td>');
    const naive = row(summary, 'naive');
    expect(naive).toContain('<span class="sub">baseline</span>');
    expect(naive).toContain('<b>2.46 s</b>');
    expect(naive).toContain('1.00×');
    // batched: 2 ok repeats, 1 failed.
    expect(row(summary, 'batched')).toContain('<td class="num bad">2 / 1</td>');
    expect(summary).toContain('Speedup<br>vs naive');
  });

  it('links every variant’s outputs relatively', () => {
    for (const variant of ['naive', 'batched', 'pooled', 'cached']) {
      const cells = row(summary, variant);
      for (const file of ['balances.csv', 'balances.json', 'balances.sqlite']) {
        expect(cells).toContain(`href="outputs/${variant}-0/${file}"`);
      }
    }
    expect(summary).not.toMatch(/href="(\/|[a-z]+:)/i);
  });

  it('has the SQL reference row and says it is the database’s own work', () => {
    const reference = row(summary, 'SQL reference query');
    expect(reference).toContain('<tr class="reference">');
    expect(reference).toContain('<b>128 ms</b>');
    expect(reference).toContain('1.00×');
    expect(reference).toContain('14,250 returned');
    expect(reference).toContain('11 jobs');
    expect(summary).toContain('It is the database’s own work, so a variant’s ratio to it (vs SQL) is the pipeline’s overhead.');
  });

  it('says the outputs agree, with their hashes, and no error box', () => {
    expect(summary).toContain('<div class="ok-box" id="outputs-agreement">');
    expect(summary).toContain('title="' + 'c5v'.padEnd(64, '0') + '"');
    expect(summary).not.toContain('error-box');
  });

  it('explains how it was measured', () => {
    expect(summary).toContain('<b>How this was measured.</b>');
    expect(summary).toContain('Each repeat of each variant ran in its own process');
    expect(summary).toContain('The first run of a process is cold');
    expect(summary).toContain('the median end-to-end time of the 5 runs that follow it');
    expect(summary).toContain('byte for byte, the expected balances');
  });

  it('lists the stages of the measured runs', () => {
    expect(summary).toContain('<h3>Stages of the measured runs</h3>');
    expect(row(summary.slice(summary.indexOf('Stages of the measured runs')), 'naive')).toContain('<td class="num">880 ms<span class="sub">35.8%</span></td>');
  });

  it('embeds the stage and end-to-end charts', () => {
    expect(embeddedCharts(html).map((c) => c.id)).toEqual(['chart-balance-stages', 'chart-balance-end-to-end']);
    expect(count(html, '<div class="chart-box"><canvas')).toBe(2);
  });

  it('lists the failed repeat', () => {
    expect(section(html, 'failed')).toContain('balances.csv differs from the generator&#39;s expected balances');
  });
});

describe('renderHtml for a balance run whose outputs disagree', () => {
  const html = renderHtml(balanceModel({ disagree: true }), assets);
  const summary = section(html, 'summary');

  it('shows the disagreement as an error box before the table', () => {
    expect(summary).toContain('<div class="error-box" role="alert" id="outputs-agreement">');
    expect(summary).toContain('<li>csv: cached repeat 2 differs from naive repeat 0</li>');
    expect(summary.indexOf('error-box')).toBeLessThan(summary.indexOf('<table>'));
    expect(summary).not.toContain('ok-box');
  });

  it('shows wrong balances as an error too', () => {
    const model = withBalance(balanceModel(), (b) => ({
      ...b,
      variants: b.variants.map((v) => (v.variant === 'pooled' ? { ...v, matchesExpected: false } : v)),
    }));
    const out = section(renderHtml(model, assets), 'summary');
    expect(out).toContain('<div class="error-box" role="alert" id="expected-mismatch">');
    expect(out).toContain('The balances.csv of pooled does not equal the expected balances');
    expect(row(out, 'pooled')).toContain('<td class="num bad">no</td>');
  });
});

describe('renderHtml for a balance run on a user’s database', () => {
  const html = renderHtml(balanceModel({ source: 'database' }), assets);

  it('shows the database, tokens and accounts file, and no verification against expected balances', () => {
    const scenario = section(html, 'scenario');
    expect(scenario).toContain('your Pathfinder database, opened read-only');
    expect(scenario).toContain('<dd class="mono wrap">/srv/pathfinder/mainnet.sqlite</dd>');
    expect(scenario).toContain('2 contracts: 0x049d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7, 0x04718f5a');
    expect(scenario).toContain('<dd class="mono wrap">accounts.txt</dd>');
    const summary = section(html, 'summary');
    expect(row(summary, 'cached')).toContain('title="a user’s database has no expected balances">—</td>');
    expect(summary).toContain('a user’s database has no expected balances, so the only check is that every variant wrote the same bytes');
    expect(summary).not.toContain('<td class="num ok">yes</td>');
  });
});

describe('renderHtml for a balance run with hostile strings', () => {
  const html = renderHtml(balanceModel({ hostile: true, source: 'database', disagree: true }), assets);

  it('never lets a scenario, variant, path, token or error string out as markup', () => {
    for (const [what, value] of Object.entries(BALANCE_HOSTILE)) {
      expect(html, what).not.toContain(value);
    }
    expect(count(html, '<script')).toBe(3);
    expect(count(html, '</script>')).toBe(3);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/<svg\b/i);
  });

  it('shows them escaped as text', () => {
    expect(html).toContain(`<h1>${escapeHtml(BALANCE_HOSTILE.scenarioName)}</h1>`);
    expect(html).toContain(`<p class="description">${escapeHtml(BALANCE_HOSTILE.description)}</p>`);
    expect(html).toContain(escapeHtml(BALANCE_HOSTILE.dbPath));
    expect(html).toContain(escapeHtml(BALANCE_HOSTILE.token));
    expect(html).toContain(escapeHtml(BALANCE_HOSTILE.accountsFile));
    expect(html).toContain(`</span>${escapeHtml(BALANCE_HOSTILE.variant)}`);
    expect(html).toContain(`<pre class="error">${escapeHtml(BALANCE_HOSTILE.error)}</pre>`);
    expect(html).toContain(`<li>csv: cached repeat 2 differs from naive repeat 0</li>`);
  });

  it('percent-encodes the hostile variant’s folder in its output links', () => {
    expect(html).toContain(`href="outputs/${escapeHtml(encodeURIComponent(BALANCE_HOSTILE.variant))}-0/balances.csv"`);
  });

  it('keeps the hostile variant intact inside the embedded chart JSON', () => {
    const [stages, endToEnd] = embeddedCharts(html);
    expect(stages!.config.data.labels).toContain(BALANCE_HOSTILE.variant);
    expect(endToEnd!.config.data.labels).toContain(BALANCE_HOSTILE.variant);
  });

  it('escapes a hostile disagreement', () => {
    const model = withBalance(balanceModel({ disagree: true }), (b) => ({ ...b, disagreements: ['<b>csv</b> & "json"'] }));
    const out = renderHtml(model, assets);
    expect(out).not.toContain('<b>csv</b>');
    expect(out).toContain('<li>&lt;b&gt;csv&lt;/b&gt; &amp; &quot;json&quot;</li>');
  });
});

describe('renderHtml for balance edge cases', () => {
  it('does not link an output path that is not relative', () => {
    const model = withBalance(balanceModel(), (b) => ({
      ...b,
      variants: b.variants.map((v) =>
        v.variant === 'naive' ? { ...v, outputs: { csv: 'javascript:alert(1)', json: '/etc/passwd', sqlite: 'outputs/naive-0/balances.sqlite' } } : v,
      ),
    }));
    const naive = row(section(renderHtml(model, assets), 'summary'), 'naive');
    expect(naive).not.toContain('href="javascript:');
    expect(naive).not.toContain('href="/etc');
    expect(naive).toContain('CSV (not linked: not a relative path)');
    expect(naive).toContain('href="outputs/naive-0/balances.sqlite"');
  });

  it('renders a run without naive: no baseline, no speedups', () => {
    const model = balanceModel({ variants: ['batched', 'pooled', 'cached'] });
    expect(model.analysis.baselineVariant).toBeNull();
    const summary = section(renderHtml(model, assets), 'summary');
    expect(summary).toContain('<th class="num">Speedup</th>');
    expect(summary).toContain('No naive variant ran, so there is no baseline');
    expect(summary).not.toContain('baseline</span>');
  });


  it('renders a run where no job finished', () => {
    const base = balanceModel();
    const results = { ...base.results, results: base.results.results.map((r) => ({ ...r, status: 'failed' as const, measure: null, error: { message: 'boom', phase: 'load' } })) };
    const model: ReportModel = {
      ...base,
      results,
      analysis: {
        ...base.analysis,
        variants: base.analysis.variants.map((v) => ({
          ...v, okJobs: 0, failedJobs: [], endToEndMs: null, speedup: null, stages: null, coldEndToEndMs: null, coldSlotMappingMs: null,
          coldHashesPerSec: null, rowsScannedPerSec: null, rows: null, rowsScanned: null, unmapped: null, vsReference: null, outputs: null, matchesExpected: null, peakRssBytes: null,
        })),
        referenceQueryMs: null,
        referenceRows: null,
      },
    };
    const html = renderHtml(model, assets);
    const summary = section(html, 'summary');
    expect(summary).toContain('No outputs to compare:');
    expect(summary).toContain('<td class="num bad">no ok repeat</td>');
    expect(summary).toContain('<td class="num bad">not measured</td>');
    expect(summary).toContain('Not measured in this run');
    const [stages, endToEnd] = embeddedCharts(html);
    expect(stages!.config.data.labels).toEqual(['naive (failed)', 'batched (failed)', 'pooled (failed)', 'cached (failed)']);
    expect(endToEnd!.config.data.datasets[0]!['data']).toEqual([null, null, null, null, null]);
  });
});

describe('renderHtml keeps storage reports as they were', () => {
  it('renders no balance section for a storage run', () => {
    const html = renderHtml(sampleModel(), assets);
    expect(html).not.toContain('id="outputs-agreement"');
    expect(html).not.toContain('<tr class="reference">');
    expect(embeddedCharts(html).map((c) => c.id)).not.toContain('chart-balance-stages');
  });
});
