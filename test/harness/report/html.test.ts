import { describe, expect, it } from 'vitest';
import { loadReportAssets } from '../../../harness/report/assets.ts';
import { escapeHtml } from '../../../harness/report/escape.ts';
import { renderHtml } from '../../../harness/report/html.ts';
import type { StorageReportModel } from '../../../harness/subjects/storage/run-summary.ts';
import type { ChartSpec } from '../../../harness/report/chart-spec.ts';
import { HOSTILE, sampleModel } from './fixtures.ts';

const assets = loadReportAssets();

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The chart specs embedded in the page, read back as the browser would. */
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

describe('renderHtml', () => {
  const model = sampleModel();
  const html = renderHtml(model, assets);

  it('is one self-contained document: inline chart.js, CSS and data, nothing fetched', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Chart.js v4.');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`);
    // The data block, chart.js and the drawing script.
    expect(count(html, '<script')).toBe(3);
    expect(count(html, '</script>')).toBe(3);
  });

  it('is deterministic', () => {
    expect(renderHtml(sampleModel(), assets)).toBe(html);
  });

  it('has the header, the scenario as declared, the summary, charts, failures and environment', () => {
    expect(html).toContain('<h1>kv-mixed</h1>');
    expect(html).toContain(model.results.runId);
    expect(html).toContain('11 jobs ok</span> · <span class="bad">1 failed</span>');
    expect(html).toContain('Quick mode <b>no</b>');
    const scenario = section(html, 'scenario');
    expect(scenario).toContain('zipfian (constant 0.99, scrambled)');
    expect(scenario).toContain('10,000 records of 100 B, seed 42');
    expect(scenario).toContain('30,000 per repeat');
    const summary = section(html, 'summary');
    expect(summary).toContain('1 in 16 ops timed');
    expect(summary).toContain('without per-op clock reads');
    expect(summary).toContain('costs 250 ns/op (4.0M ops/s): 1.0% of the fastest variant, cached, at 24.9 µs/op');
    expect(section(html, 'failed')).toContain("verify: get(&#39;user:42&#39;) returned undefined, expected &#39;v42&#39;");
    const environment = section(html, 'environment');
    expect(environment).toContain('v20.19.0');
    expect(environment).toContain('0123456789abcdef0123456789abcdef01234567 (clean)');
    expect(environment).toContain('hdr-histogram-js');
  });

  it('has a summary row, an op-mix column and a colour for each variant', () => {
    const summary = section(html, 'summary');
    const scenario = section(html, 'scenario');
    for (const variant of ['naive', 'batched', 'pooled', 'cached']) {
      expect(summary).toMatch(new RegExp(`<td class="variant"><span class="swatch" style="background:#[0-9a-f]{6}"></span>${variant}<`));
      expect(scenario).toContain(`</span>${variant}</th>`);
    }
    expect(summary).toContain('<b>40.2k ops/s</b>');
    expect(summary).toContain('4.02×');
    expect(summary).toContain('80.0%');
    // batched: 2 ok repeats, 1 failed.
    expect(summary).toContain('<td class="num bad">2 / 1</td>');
  });

  it('embeds one chart per canvas, all without animation', () => {
    const charts = embeddedCharts(html);
    expect(charts.map((c) => c.id)).toEqual([
      'chart-throughput',
      'chart-latency-get',
      'chart-latency-put',
      'chart-latency-delete',
      'chart-timeline',
      'chart-memory',
    ]);
    for (const chart of charts) {
      expect(count(html, `<canvas id="${chart.id}"`)).toBe(1);
      expect(chart.config.options.animation).toBe(false);
    }
    // Canvases sit in fixed-height boxes so chart.js cannot grow them without bound.
    expect(count(html, '<div class="chart-box"><canvas')).toBe(charts.length);
  });

  it('marks quick mode and runs still in progress', () => {
    const base = sampleModel();
    const quick: StorageReportModel = {
      ...base,
      results: { ...base.results, finishedAt: null, options: { ...base.results.options, quick: true } },
    };
    const out = renderHtml(quick, assets);
    expect(out).toContain('quick mode: indicative numbers only');
    expect(out).toContain('Quick mode <b>yes</b>');
    expect(out).toContain('in progress: 13 of 13 jobs finished');
  });
});

describe('renderHtml with hostile strings', () => {
  const model = sampleModel({ hostile: true });
  const html = renderHtml(model, assets);

  it('never lets a scenario, variant, error or environment string out as markup', () => {
    for (const [what, value] of Object.entries(HOSTILE)) {
      expect(html, what).not.toContain(value);
    }
    expect(count(html, '<script')).toBe(3);
    expect(count(html, '</script>')).toBe(3);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toContain('<b>bold</b>');
  });

  it('shows them escaped as text', () => {
    expect(html).toContain(`<h1>${escapeHtml(HOSTILE.scenarioName)}</h1>`);
    expect(html).toContain(`<title>varbench: ${escapeHtml(HOSTILE.scenarioName)}`);
    expect(html).toContain(`<p class="description">${escapeHtml(HOSTILE.description)}</p>`);
    expect(html).toContain(`<pre class="error">${escapeHtml(HOSTILE.error)}</pre>`);
    expect(html).toContain(`<pre class="error">${escapeHtml(HOSTILE.stack)}</pre>`);
    expect(html).toContain(`</span>${escapeHtml(HOSTILE.variant)}`);
    expect(html).toContain(`<td class="mono">${escapeHtml(HOSTILE.package)}</td>`);
  });

  it('keeps them intact inside the embedded JSON', () => {
    const labels = embeddedCharts(html)[0]!.config.data.labels;
    expect(labels).toEqual(['naive', HOSTILE.variant, 'cached']);
  });
});

describe('renderHtml edge cases', () => {
  it('renders a variant that failed every repeat', () => {
    const model = sampleModel({ allFailed: ['pooled'] });
    const html = renderHtml(model, assets);
    const summary = section(html, 'summary');
    expect(summary).toMatch(/pooled<\/td><td class="num bad">no ok repeat<\/td>/);
    expect(summary).toContain('<td class="num bad">0 / 3</td>');
    const failed = section(html, 'failed');
    expect(count(failed, '</span>pooled</td>')).toBe(3);
    expect(failed).toContain('<td class="bad">timeout</td><td>process</td>');
    expect(failed).toContain('open failed: pool size must be positive (repeat 0)');
    const throughput = embeddedCharts(html)[0]!;
    expect(throughput.config.data.labels).toContain('pooled (failed)');
    expect(throughput.config.data.datasets[0]!['data']).toContain(null);
    // Latency, timeline and memory charts simply have no pooled series.
    for (const chart of embeddedCharts(html).slice(1)) {
      expect(chart.config.data.datasets.map((d) => d['label'])).not.toContain('pooled');
    }
  });

  it('renders a run without naive: no baseline, no speedups', () => {
    const model = sampleModel({ variants: ['batched', 'pooled', 'cached'] });
    expect(model.analysis.baselineVariant).toBeNull();
    const html = renderHtml(model, assets);
    const summary = section(html, 'summary');
    expect(summary).toContain('No naive variant ran');
    expect(summary).toContain('<th class="num">Speedup</th>');
    expect(summary).not.toContain('baseline</span>');
    expect(summary).not.toContain('×');
  });

  it('renders a run where everything failed and nothing was measured', () => {
    const base = sampleModel({ variants: ['naive'], allFailed: ['naive'] });
    const model: StorageReportModel = {
      ...base,
      results: { ...base.results, results: base.results.results.filter((r) => !r.reference) },
      analysis: { ...base.analysis, overhead: null },
    };
    const html = renderHtml(model, assets);
    expect(html).toContain('0 jobs ok</span> · <span class="bad">3 failed</span>');
    expect(html).toContain('no ok job recorded how latency was sampled');
    expect(html).toContain('Not measured in this run');
    expect(html).toContain('No latency was recorded.');
    expect(embeddedCharts(html).map((c) => c.id)).toEqual(['chart-throughput', 'chart-timeline', 'chart-memory']);
  });
});

describe('renderHtml profiles and runtime', () => {
  const base = sampleModel();
  const model: StorageReportModel = {
    ...base,
    analysis: {
      ...base.analysis,
      profiles: [
        {
          variant: 'batched', kind: 'cpu', status: 'ok', error: null,
          artifacts: [
            { kind: 'cpu', path: 'profiles/batched-cpu.cpuprofile', sizeBytes: 2048, samples: 300, scope: 'measured-phase' },
            { kind: 'flame', path: null, sizeBytes: 0, warning: '0x <failed>' },
          ],
          selfTime: [
            { functionName: '<img src=x onerror=alert(1)>', url: 'variants/storage/batched.ts', line: 31, selfMs: 12, selfShare: 0.4 },
            { functionName: 'run', url: '', line: null, selfMs: 6, selfShare: 0.2 },
          ],
          totalSampledMs: 30, allocationSites: null, totalSampledBytes: null,
          throughput: 80_000, throughputVsTimed: 0.9, bytesPerOp: null, allocationMethod: 'gc-accounting',
        },
        {
          variant: 'naive', kind: 'cpu', status: 'ok', error: null, artifacts: [],
          selfTime: [{ functionName: 'run', url: '', line: null, selfMs: 90, selfShare: 0.77 }],
          totalSampledMs: 117, allocationSites: null, totalSampledBytes: null,
          throughput: 1_000, throughputVsTimed: 0.95, bytesPerOp: null, allocationMethod: 'gc-accounting',
        },
      ],
    },
  };
  const html = renderHtml(model, assets);
  const profiles = section(html, 'profiles');

  it('links artifacts relatively and shows a missing one with its escaped warning', () => {
    expect(profiles).toContain('href="profiles/batched-cpu.cpuprofile"');
    expect(profiles).toContain('not written.');
    expect(profiles).toContain(escapeHtml('0x <failed>'));
    expect(profiles).toContain('90.0% of the variant');
  });

  it('escapes function names and marks native frames', () => {
    expect(profiles).not.toContain('<img src=x');
    expect(profiles).toContain(escapeHtml('<img src=x onerror=alert(1)>'));
    expect(profiles).toContain('(native)');
    expect(profiles).toContain('variants/storage/batched.ts:31');
  });

  it('puts the variants top functions side by side', () => {
    expect(profiles).toContain('Top self-time functions side by side');
  });

  it('has a runtime section for runs whose repeats recorded runtime figures', () => {
    expect(section(html, 'runtime')).toContain('Event-loop delay');
    expect(section(html, 'runtime')).not.toContain('GC entries may be missing');
  });

  it('shows GC counts that may miss entries as lower bounds, in both tables', () => {
    const incomplete: StorageReportModel = {
      ...base,
      analysis: {
        ...base.analysis,
        variants: base.analysis.variants.map((v) => (v.variant === 'naive' && v.runtime ? { ...v, runtime: { ...v.runtime, gcComplete: false } } : v)),
      },
    };
    const page = renderHtml(incomplete, assets);
    const runtimeRows = section(page, 'runtime').split('<tr>').filter((row) => row.includes('GC entries may be missing'));
    expect(runtimeRows).toHaveLength(1);
    expect(runtimeRows[0]).toContain('naive');
    expect(runtimeRows[0]).toContain('≥ ');
    expect(section(page, 'summary')).toContain('GCs may be missing');
  });

  it('has no profiles section without profiled jobs', () => {
    expect(renderHtml(base, assets)).not.toContain('id="profiles"');
  });
});
