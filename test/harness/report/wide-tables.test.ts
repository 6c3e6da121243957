/**
 * Wide tables stay inside their cards (issue: the variant counters table
 * was cut off at a 1400 px viewport). No browser here: the markup and the
 * CSS properties that keep a table in its card are checked instead; the
 * layout itself was measured in Chromium when this was written (every table
 * of the fixture reports and of a --quick run fits at 1400 px).
 */
import { describe, expect, it } from 'vitest';
import { storageSubject } from '../../../harness/subjects/storage/subject.ts';
import { loadReportAssets } from '../../../harness/report/assets.ts';
import { renderHtml } from '../../../harness/report/html.ts';
import { buildReportModel, type ReportModel } from '../../../harness/report/model.ts';
import { REPORT_CSS } from '../../../harness/report/styles.ts';
import { makeRunResults } from '../../support/results-fixtures.ts';
import { balanceModel } from '../subjects/balance/report-fixtures.ts';
import { checksModel } from './checks-fixtures.ts';
import { GENERATED_AT, sampleModel } from './fixtures.ts';

const assets = loadReportAssets();

/** The declarations of one CSS rule, by its exact selector. */
function rule(selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|\\n)${escaped} \\{([^}]*)\\}`).exec(REPORT_CSS);
  if (match === null) throw new Error(`no CSS rule for ${selector}`);
  return match[1]!;
}

/** The counters every variant of a --quick mixed-70-20-10 run reports (13 names): the table that overflowed. */
const COUNTERS: Readonly<Record<string, Record<string, number>>> = {
  batched: { batchCommits: 5, batchCommittedWrites: 2_120 },
  pooled: { poolBatches: 108, poolRequests: 2_744, poolQueueWaits: 1_423, poolBufferAllocations: 0, poolOverlayHits: 3_253, batchCommits: 3, batchCommittedWrites: 1_359 },
  cached: { batchCommits: 4, batchCommittedWrites: 1_602, cacheHits: 6_518, cacheMisses: 552, cacheEvictions: 0, bloomNegatives: 0, bloomRebuilds: 0 },
};

function countersModel(): ReportModel {
  const results = makeRunResults(
    ['naive', 'batched', 'pooled', 'cached'].map((variant) => ({
      variant,
      repeat: 1,
      measure: { throughputOpsPerSec: 10_000, counters: COUNTERS[variant] ?? {} },
    })),
  );
  return buildReportModel(results, storageSubject, GENERATED_AT);
}

describe('wide tables', () => {
  const reports: Record<string, string> = {
    storage: renderHtml(sampleModel(), assets),
    checks: renderHtml(checksModel(), assets),
    balance: renderHtml(balanceModel(), assets),
    counters: renderHtml(countersModel(), assets),
  };

  it('puts every table of every report in a wrapper that scrolls rather than leaving its card', () => {
    for (const [name, html] of Object.entries(reports)) {
      const tables = html.match(/<table[\s>]/g) ?? [];
      const wrapped = html.match(/<div class="table-wrap"><table[\s>]/g) ?? [];
      expect(tables.length, name).toBeGreaterThan(0);
      expect(wrapped.length, `${name}: tables outside a .table-wrap`).toBe(tables.length);
    }
    const wrap = rule('.table-wrap');
    expect(wrap).toContain('overflow-x: auto');
    // Without these a wrapper in a grid or flex item grows with its table (min-width: auto) instead of scrolling.
    expect(wrap).toContain('max-width: 100%');
    expect(wrap).toContain('min-width: 0');
  });

  it('lets headers wrap so tables fit, but never a value', () => {
    expect(rule('thead th')).not.toContain('nowrap');
    expect(rule('th.num')).not.toContain('nowrap');
    expect(rule('td.num')).toContain('white-space: nowrap');
  });

  it('lays the variant counters out one row per counter, one column per variant', () => {
    const html = reports.counters!;
    const start = html.indexOf('<table class="counters">');
    const table = html.slice(start, html.indexOf('</table>', start));
    const head = table.slice(table.indexOf('<thead>'), table.indexOf('</thead>'));
    expect(head.match(/<th[ >]/g)).toHaveLength(1 + 4);
    expect(head).toMatch(/^<thead><tr><th>Counter<\/th><th class="num"><span class="swatch"[^>]*><\/span>naive<\/th>/);
    const names = [...new Set(Object.values(COUNTERS).flatMap((c) => Object.keys(c)))].sort();
    const rows = table.match(/<tr><td class="mono">[^<]+<\/td>/g)!.map((row) => row.replace(/^<tr><td class="mono">|<\/td>$/g, ''));
    expect(rows).toEqual(names);
    expect(table).toContain('<tr><td class="mono">cacheHits</td><td class="num">—</td><td class="num">—</td><td class="num">—</td><td class="num">6,518</td></tr>');
  });
});
