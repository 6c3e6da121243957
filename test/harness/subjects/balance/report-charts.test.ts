import { describe, expect, it } from 'vitest';
import { BALANCE_STAGES, REFERENCE_LABEL, buildBalanceCharts } from '../../../../harness/subjects/balance/report-charts.ts';
import type { BalanceReportModel as ReportModel } from '../../../../harness/subjects/balance/run-summary.ts';
import { balanceModel } from './report-fixtures.ts';

describe('buildBalanceCharts', () => {
  const model = balanceModel();
  const balance = model.analysis;
  const [stages, endToEnd] = buildBalanceCharts(model);

  it('stacks the four stages per variant in horizontal bars, values on x in ms', () => {
    expect(stages!.id).toBe('chart-balance-stages');
    expect(stages!.config.type).toBe('bar');
    expect(stages!.config.options['indexAxis']).toBe('y');
    expect(stages!.config.options['scales']).toMatchObject({ x: { stacked: true, beginAtZero: true }, y: { stacked: true } });
    expect(stages!.xFormat).toBe('ms');
    expect(stages!.yFormat).toBeNull();
    expect(stages!.config.data.labels).toEqual(['naive', 'batched', 'pooled', 'cached']);
    expect(stages!.config.data.datasets.map((d) => d['label'])).toEqual(['slot mapping', 'query', 'filter/decode', 'write']);
    BALANCE_STAGES.forEach((stage, i) => {
      expect(stages!.config.data.datasets[i]!['data']).toEqual(balance.variants.map((v) => v.stages![stage.key]));
    });
    expect(stages!.config.options['animation']).toBe(false);
  });

  it('draws end-to-end medians with their intervals, and the SQL reference query as the last bar', () => {
    expect(endToEnd!.id).toBe('chart-balance-end-to-end');
    expect(endToEnd!.config.data.labels).toEqual(['naive', 'batched', 'pooled', 'cached', REFERENCE_LABEL]);
    expect(endToEnd!.config.data.datasets[0]!['data']).toEqual([...balance.variants.map((v) => v.endToEndMs!.median), balance.referenceQueryMs!.median]);
    expect(endToEnd!.errorBars).toEqual(
      [...balance.variants.map((v) => v.endToEndMs!), balance.referenceQueryMs!].map((e) => ({ low: e.interval!.low, high: e.interval!.high })),
    );
    expect(endToEnd!.yFormat).toBe('ms');
    // Log scale, starting a power of ten below half the smallest value (126 ms / 2 -> 10 ms).
    expect(endToEnd!.config.options['scales']).toMatchObject({ y: { type: 'logarithmic', min: 10 } });
    const colours = endToEnd!.config.data.datasets[0]!['borderColor'] as string[];
    expect(new Set(colours).size).toBe(5);
  });

  it('marks a variant without an ok repeat ', () => {
    const base = balanceModel();
    const model: ReportModel = {
      ...base,
      analysis: { ...base.analysis, variants: base.analysis.variants.map((v) => (v.variant === 'pooled' ? { ...v, stages: null, endToEndMs: null } : v)) },
    };
    const [s, e] = buildBalanceCharts(model);
    expect(s!.config.data.labels).toContain('pooled (failed)');
    expect(s!.config.data.datasets[0]!['data']).toContain(null);
    expect(e!.config.data.labels).toContain('pooled (failed)');
    expect(e!.errorBars![2]).toBeNull();
  });
});
