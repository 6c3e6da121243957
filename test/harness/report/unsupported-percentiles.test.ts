/**
 * Latency percentiles that too few timed ops support are marked "≈", with
 * their count, and explained by a legend, in every place the report shows
 * them: the console table, the HTML summary, latency, runtime, targets and
 * gate tables, and the Markdown summary's targets and gate tables.
 */
import { describe, expect, it } from 'vitest';
import { storageSubject } from '../../../harness/subjects/storage/subject.ts';
import { STORAGE_CELLS } from '../../../harness/subjects/storage/gate-cells.ts';
import type { StorageReportModel } from '../../../harness/subjects/storage/run-summary.ts';
import { timedOpsOf } from '../../../harness/subjects/storage/timed-ops.ts';
import type { StorageRunResults as RunResults } from '../../../harness/subjects/storage/measure.ts';
import { loadReportAssets } from '../../../harness/report/assets.ts';
import { renderConsoleSummary } from '../../../harness/report/console.ts';
import { renderChecksConsole } from '../../../harness/report/console-checks.ts';
import { formatNs } from '../../../harness/core/format.ts';
import { gateView } from '../../../harness/report/gate-view.ts';
import { renderHtml } from '../../../harness/report/html.ts';
import { renderMarkdownSummary } from '../../../harness/report/markdown.ts';
import { buildReportModel } from '../../../harness/report/model.ts';
import { UNSUPPORTED_PERCENTILE_LEGEND } from '../../../harness/report/percentile-mark.ts';
import { targetsView } from '../../../harness/report/targets-view.ts';
import { escapeHtml } from '../../../harness/report/escape.ts';
import { makeRunResults, makeScenario } from '../../support/results-fixtures.ts';
import { checksResults, targetsRecord } from './checks-fixtures.ts';
import { GENERATED_AT } from './fixtures.ts';

const assets = loadReportAssets();

/**
 * naive: 64 gets and 48 puts per repeat, 1 in 16 timed: 4 + 3 timed per
 * repeat, 12 and 9 over its three repeats, too few for any percentile but
 * p0/max. cached: the scenario's 21,000 gets per repeat, 3,939 timed in all,
 * enough for p99 but not p99.9. With the fixture target "naive p99 get".
 */
function thinResults(): RunResults {
  const scenario = makeScenario({ variants: ['naive', 'cached'] });
  const jobs = [1, 2, 3].flatMap((repeat) => [
    { variant: 'naive', repeat, measure: { throughputOpsPerSec: 300, opCounts: { get: 64, put: 48 } } },
    { variant: 'cached', repeat, measure: { throughputOpsPerSec: 40_000 } },
  ]);
  const results = makeRunResults(jobs, { scenario });
  return { ...results, targets: targetsRecord(results) };
}

function modelOf(results: RunResults): StorageReportModel {
  return buildReportModel(results, storageSubject, GENERATED_AT);
}

describe('unsupported latency percentiles', () => {
  const results = thinResults();
  const model = modelOf(results);
  const naive = model.analysis.variants.find((v) => v.variant === 'naive')!;
  const cached = model.analysis.variants.find((v) => v.variant === 'cached')!;

  it('the fixture has the counts the tests rely on', () => {
    expect(naive.latency.get!.samples).toBe(12);
    expect(naive.latency.put!.samples).toBe(9);
    expect(cached.latency.get!.samples).toBe(3_939);
  });

  it('console: marks naive p99 with its count and explains the mark; leaves cached alone', () => {
    const text = renderConsoleSummary(model);
    const row = (variant: string) => text.split('\n').find((line) => line.startsWith(variant))!;
    expect(row('naive')).toContain(`≈${formatNs(naive.latency.get!.p99Ns)} (n=12)`);
    expect(row('naive')).toContain(`≈${formatNs(naive.latency.put!.p99Ns)} (n=9)`);
    expect(row('cached')).not.toContain('≈');
    expect(text).toContain(`${UNSUPPORTED_PERCENTILE_LEGEND} n: timed ops of that type over the ok repeats.`);
  });

  it('console: no legend when every percentile shown is supported', () => {
    const rich = modelOf(makeRunResults([1, 2, 3].map((repeat) => ({ variant: 'cached', repeat, measure: { throughputOpsPerSec: 40_000 } }))));
    const text = renderConsoleSummary(rich);
    expect(text).not.toContain('≈');
  });

  const html = renderHtml(model, assets);

  it('HTML summary: marks p50 and p99 with the count below; the legend follows the table', () => {
    const get = naive.latency.get!;
    expect(html).toContain(`<td class="num">${escapeHtml(`≈${formatNs(get.p50Ns)} / ≈${formatNs(get.p99Ns)}`)}<span class="sub">n=12 timed</span></td>`);
    const cachedGet = cached.latency.get!;
    expect(html).toContain(`<td class="num">${escapeHtml(`${formatNs(cachedGet.p50Ns)} / ${formatNs(cachedGet.p99Ns)}`)}</td>`);
    expect(html).toContain(`<p class="note" id="few-samples">${escapeHtml(UNSUPPORTED_PERCENTILE_LEGEND)}`);
  });

  it('HTML latency table: marks each unsupported percentile, never the mean or the max', () => {
    const get = cached.latency.get!;
    const cells = [get.meanNs, get.p50Ns, get.p90Ns, get.p99Ns].map((ns) => `<td class="num">${escapeHtml(formatNs(ns))}</td>`).join('');
    expect(html).toContain(`${cells}<td class="num">${escapeHtml(`≈${formatNs(get.p999Ns)}`)}</td><td class="num">${escapeHtml(formatNs(get.maxNs))}</td></tr>`);
    expect(html).toContain(`${escapeHtml(UNSUPPORTED_PERCENTILE_LEGEND)} n: the timed ops column.`);
  });

  it('HTML runtime table: marks event-loop delay percentiles from too few timer intervals', () => {
    // The fixtures record 30 intervals per repeat: enough for p50, not for p99.
    expect(html).toMatch(/<td class="num">1 ms \/ ≈4 ms<span class="sub">max 5 ms · n=30 per repeat<\/span><\/td>/);
    expect(html).toContain('Here n is the fewest timer intervals of one repeat.');
  });

  it('targets: marks the measured latency percentile and says why, in every renderer', () => {
    const view = targetsView(results.targets!, timedOpsOf(results));
    const row = view.rows.find((r) => r.target === 'kv-mixed · naive · p99 get')!;
    expect(row.measured).toBe(`≈${formatNs(naive.latency.get!.p99Ns)}`);
    expect(row.note).toBe('≈ n=12 timed ops: too few to support this percentile');
    expect(view.rows.filter((r) => r.unsupported)).toEqual([row]);
    expect(view.samplesLegend).toBe(`${UNSUPPORTED_PERCENTILE_LEGEND} n: timed ops of that type over the run's ok repeats.`);
    expect(html).toContain(`<p class="note" id="targets-few-samples">${escapeHtml(view.samplesLegend!)}</p>`);
    expect(renderChecksConsole(modelOf(results))).toContain(view.samplesLegend!);
    expect(renderMarkdownSummary(model, { htmlPath: null })).toContain('≈: fewer than 10 of the n timed ops');
  });

  it('targets: marks nothing without counts (null) or when the run has enough', () => {
    const view = targetsView(results.targets!, null);
    expect(view.rows.some((r) => r.unsupported || r.measured.startsWith('≈'))).toBe(false);
    expect(view.samplesLegend).toBeNull();
  });
});

describe('unsupported latency percentiles in the gate', () => {
  // Per repeat, 3,000 deletes of which 188 are timed: enough for p50 (20), not for p99 (1,000).
  const results = checksResults();
  const view = gateView(results.gate!, timedOpsOf(results), STORAGE_CELLS);

  it('marks the current median of per-repeat p99 cells with the fewest timed ops of a repeat', () => {
    const p99Delete = view.rows.find((r) => r.cell.variant === 'cached' && r.cell.metric === 'p99:delete')!;
    expect(p99Delete.current.startsWith('≈')).toBe(true);
    expect(p99Delete.currentSamples).toBe('n=188 per repeat');
    const p50Delete = view.rows.find((r) => r.cell.variant === 'cached' && r.cell.metric === 'p50:delete')!;
    expect(p50Delete.currentSamples).toBeNull();
    // 1,313 timed gets per repeat support p99; 375 puts and 188 deletes do not.
    const marked = view.rows.filter((r) => r.currentSamples !== null).map((r) => `${r.cell.variant} ${r.cell.metric}`);
    expect(marked.sort()).toEqual(['cached p99:delete', 'cached p99:put', 'naive p99:delete', 'naive p99:put']);
    expect(view.samplesLegend).toContain(UNSUPPORTED_PERCENTILE_LEGEND);
  });

  it('marks nothing without counts', () => {
    const plain = gateView(results.gate!, null, STORAGE_CELLS);
    expect(plain.rows.some((r) => r.currentSamples !== null || r.current.startsWith('≈'))).toBe(false);
    expect(plain.samplesLegend).toBeNull();
  });

  it('shows the count under the value in HTML, beside it in Markdown and on the console', () => {
    const model = modelOf(results);
    const html = renderHtml(model, assets);
    expect(html).toMatch(/<td class="num">≈[^<]+<span class="sub">n=188 per repeat<\/span><\/td>/);
    expect(html).toContain(`<p class="note" id="gate-few-samples">${escapeHtml(view.samplesLegend!)}</p>`);
    const markdown = renderMarkdownSummary(model, { htmlPath: null });
    expect(markdown).toMatch(/\| ≈[^|]+ \(n=188 per repeat\) \|/);
    // The console lists only cells worth reading: make the p99 delete cell one.
    const flagged: RunResults = {
      ...results,
      gate: {
        ...results.gate!,
        comparison: {
          ...results.gate!.comparison,
          cells: results.gate!.comparison.cells.map((c) => (c.variant === 'cached' && c.metric === 'p99:delete' ? { ...c, verdict: 'improved' as const } : c)),
        },
      },
    };
    const text = renderChecksConsole(modelOf(flagged));
    expect(text).toMatch(/improved\s+cached\s+p99 delete\s+\S+ µs\s+≈\S+ µs \(n=188 per repeat\)/);
    expect(text).toContain(view.samplesLegend!);
  });
});
