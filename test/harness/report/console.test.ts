import { describe, expect, it } from 'vitest';
import { ciHalfWidthPercent, renderConsoleSummary } from '../../../harness/report/console.ts';
import type { ReportModel } from '../../../harness/report/model.ts';
import { sampleModel } from './fixtures.ts';
import { balanceModel } from '../subjects/balance/report-fixtures.ts';

describe('renderConsoleSummary', () => {
  const text = renderConsoleSummary(sampleModel());
  const lines = text.trimEnd().split('\n');

  it('has a title, a header and one row per variant, then the overhead', () => {
    expect(lines[0]).toBe('kv-mixed · run 2025-01-01T12-00-00Z-kv-mixed');
    expect(lines[1]).toMatch(/^variant\s+throughput \(median ± CI\)\s+vs naive\s+get p99\s+put p99\s+hit ratio\s+status$/);
    const rows = lines.slice(3, 7);
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(['naive', 'batched', 'pooled', 'cached']);
    expect(rows[0]).toMatch(/^naive\s+10\.0k ops\/s ±\d+\.\d%\s+1\.00×\s+\S+ µs\s+\S+ µs\s+—\s+ok 3\/3$/);
    expect(rows[1]).toContain('partly failed 2/3 ok (failed in verify)');
    expect(rows[3]).toMatch(/^cached\s+40\.2k ops\/s ±\d+\.\d%\s+4\.02×\s+.*80\.0%\s+ok 3\/3$/);
    expect(lines.at(-1)).toBe('harness overhead: no-op store 250 ns/op, 1.0% of the fastest variant (cached, 24.9 µs/op)');
  });

  it('aligns the columns', () => {
    const rows = lines.slice(1, 7).filter((l) => !l.startsWith('-'));
    const speedupEnd = (line: string) => line.indexOf('×') >= 0 ? line.indexOf('×') : line.indexOf('vs naive') + 'vs naive'.length - 1;
    expect(new Set(rows.map(speedupEnd)).size).toBe(1);
  });

  it('uses no colour unless asked', () => {
    expect(text).not.toContain('\u001b');
    const coloured = renderConsoleSummary(sampleModel(), { color: true });
    expect(coloured).toContain('\u001b[31mbatched');
  });

  it('reports a variant that failed every repeat and a run without naive', () => {
    const out = renderConsoleSummary(sampleModel({ variants: ['batched', 'pooled', 'cached'], allFailed: ['pooled'] }));
    expect(out).toMatch(/^pooled\s+—\s+—\s+—\s+—\s+—\s+FAILED 0\/3 ok \(failed in open, timeout in process\)$/m);
    expect(out).toContain('no naive variant ran: speedups not computed');
    expect(out).toMatch(/^variant\s+throughput \(median ± CI\)\s+speedup\s/m);
  });

  it('says when the overhead was not measured and strips control characters', () => {
    const base = sampleModel();
    const model: ReportModel = {
      ...base,
      results: { ...base.results, scenario: { ...base.results.scenario, name: 'evil\u001b[2Jname' } },
      analysis: { ...base.analysis, overhead: null },
    };
    const out = renderConsoleSummary(model);
    expect(out).toContain('evil?[2Jname');
    expect(out).not.toContain('\u001b');
    expect(out.trimEnd().split('\n').at(-1)).toBe('harness overhead: not measured');
  });
});

describe('ciHalfWidthPercent', () => {
  it('takes the larger side of an asymmetric interval', () => {
    expect(ciHalfWidthPercent(100, 90, 105)).toBe(10);
    expect(ciHalfWidthPercent(100, 98, 104)).toBe(4);
  });
});

describe('renderConsoleSummary for a balance run', () => {
  const text = renderConsoleSummary(balanceModel());
  const lines = text.trimEnd().split('\n');

  it('has a row per variant with end to end, speedup, vs SQL, cold slot mapping and verified', () => {
    expect(lines[0]).toBe('balance-fixture · run 2025-01-01T12-00-00Z-balance-fixture');
    expect(lines[1]).toMatch(/^variant\s+end to end \(median ± CI\)\s+vs naive\s+vs SQL\s+cold slot mapping\s+verified\s+status$/);
    const rows = lines.slice(3, 7);
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(['naive', 'batched', 'pooled', 'cached']);
    expect(rows[0]).toMatch(/^naive\s+2\.46 s ±\d+\.\d%\s+1\.00×\s+19\.2×\s+1\.18 s\s+yes\s+ok 3\/3$/);
    expect(rows[1]).toContain('partly failed 2/3 ok (failed in verify)');
    expect(rows[3]).toMatch(/^cached\s+204 ms ±\d+\.\d%\s+12\.1×\s+1\.59×\s+132 ms\s+yes\s+ok 3\/3$/);
  });

  it('ends with the reference query and the agreement status', () => {
    expect(lines.at(-2)).toMatch(/^SQL reference query: 128 ms ±\d+\.\d% \(bare latest-value query, median of 11 jobs, 14,250 rows\); vs SQL = a variant's time \/ this$/);
    expect(lines.at(-1)).toBe('outputs: byte-identical across every ok job');
  });

  it('says loudly when the outputs disagree, in red when coloured', () => {
    const out = renderConsoleSummary(balanceModel({ disagree: true }));
    expect(out.trimEnd().split('\n').at(-1)).toBe('OUTPUTS DISAGREE: csv: cached repeat 2 differs from naive repeat 0');
    expect(renderConsoleSummary(balanceModel({ disagree: true }), { color: true })).toContain('\u001b[31mOUTPUTS DISAGREE');
  });

  it('shows — as verified for a user database and strips control characters', () => {
    const out = renderConsoleSummary(balanceModel({ source: 'database', variants: ['naive', 'evil\u001b[2J', 'pooled', 'cached'] }));
    expect(out).toMatch(/^naive\s+.*\s+—\s+ok 3\/3$/m);
    expect(out).toContain('evil?[2J');
    expect(out).not.toContain('\u001b');
  });

});

describe('renderConsoleSummary noisy repeats', () => {
  it('warns when a variant’s throughput CV is above 5%', () => {
    const model = sampleModel();
    const variants = model.analysis.variants.map((v, i) =>
      i === 0 && v.throughput ? { ...v, throughput: { ...v.throughput, cv: 0.12 } } : v,
    );
    const text = renderConsoleSummary({ ...model, analysis: { ...model.analysis, variants } });
    expect(text).toContain(`note: throughput CV above 5% for ${variants[0]!.variant} (12.0%)`);
    expect(renderConsoleSummary(model)).not.toContain('note: throughput CV');
  });
});
