import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../../../harness/subjects/storage/report-charts.ts';
import { ninesOf } from '../../../../harness/report/chart-spec.ts';
import { sampleModel } from '../../report/fixtures.ts';

describe('ninesOf', () => {
  it('places percentiles on the nines axis', () => {
    expect(ninesOf(0)).toBeCloseTo(0, 12);
    expect(ninesOf(50)).toBeCloseTo(Math.log10(2), 12);
    expect(ninesOf(90)).toBeCloseTo(1, 12);
    expect(ninesOf(99)).toBeCloseTo(2, 12);
    expect(ninesOf(99.9)).toBeCloseTo(3, 9);
    expect(ninesOf(99.99)).toBeCloseTo(4, 9);
  });
});

describe('buildCharts', () => {
  const model = sampleModel();
  const charts = buildCharts(model);
  const byId = new Map(charts.map((c) => [c.id, c]));

  it('draws throughput bars with the CI of each median as error bars', () => {
    const chart = byId.get('chart-throughput')!;
    const variants = model.analysis.variants;
    expect(chart.config.data.labels).toEqual(['naive', 'batched', 'pooled', 'cached']);
    expect(chart.config.data.datasets[0]!['data']).toEqual(variants.map((v) => v.throughput!.median));
    expect(chart.errorBars).toEqual(
      variants.map((v) => ({ low: v.throughput!.interval!.low, high: v.throughput!.interval!.high })),
    );
    const colours = chart.config.data.datasets[0]!['borderColor'] as string[];
    expect(new Set(colours).size).toBe(4);
  });

  it('puts latency curves on the nines axis, max at the right end', () => {
    const chart = byId.get('chart-latency-get')!;
    expect(chart.ninesTicks!.map((t) => t.label)).toEqual(['50%', '90%', '99%', '99.9%', '99.99%', 'max']);
    const maxX = chart.ninesTicks!.at(-1)!.value;
    expect(maxX).toBe(5);
    // A variant's curve is one solid dataset and, from its last supported percentile on, a dashed one: together, the whole curve.
    const [solid, dashed] = chart.config.data.datasets.filter((d) => d['varbenchGroup'] === 'naive') as { data: { x: number; y: number; p: number }[] }[];
    const points = [...solid!.data, ...dashed!.data.slice(1)];
    const get = model.analysis.variants[0]!.latency.get!;
    expect(points.map((pt) => pt.p)).toEqual(get.curve.map((c) => c.percentile));
    expect(points.at(-1)).toEqual({ x: maxX, y: get.maxNs, p: 100 });
    expect(chart.config.options['scales']).toMatchObject({ y: { type: 'logarithmic' }, x: { min: 0, max: maxX } });
  });

  it('draws the percentiles too few timed ops support dashed, with hollow points and a note for the tooltip', () => {
    // naive's 3,939 timed gets support p99 (1,000 needed) but not p99.9 (10,000) nor p99.99.
    const chart = byId.get('chart-latency-get')!;
    const naive = chart.config.data.datasets.filter((d) => d['varbenchGroup'] === 'naive');
    expect(naive.map((d) => d['varbenchLegend'])).toEqual([true, false]);
    const [solid, dashed] = naive as Record<string, unknown>[];
    expect((solid!['data'] as { p: number }[]).map((pt) => pt.p)).toEqual([0, 50, 75, 90, 95, 99]);
    expect(solid!['borderDash']).toBeUndefined();
    expect((dashed!['data'] as { p: number; note?: string }[]).map((pt) => [pt.p, pt.note ?? null])).toEqual([
      [99, null],
      [99.9, '≈ n=3,939: too few timed ops above it'],
      [99.99, '≈ n=3,939: too few timed ops above it'],
      [100, null],
    ]);
    expect(dashed!['borderDash']).toEqual([5, 4]);
    const colour = solid!['borderColor'];
    // Hollow where unsupported; the last supported point and the observed max stay filled.
    expect(dashed!['pointBackgroundColor']).toEqual([colour, '#ffffff', '#ffffff', colour]);
    expect(chart.caption).toContain('≈: fewer than 10 of the n timed ops lie above this percentile');
  });

  it('draws a curve whose every percentile is supported as one solid dataset', () => {
    const rich = sampleModel();
    const variants = rich.analysis.variants.map((v) => ({ ...v, latency: { get: { ...v.latency.get!, samples: 1_000_000 } } }));
    const chart = buildCharts({ ...rich, analysis: { ...rich.analysis, variants } }).find((c) => c.id === 'chart-latency-get')!;
    expect(chart.config.data.datasets.map((d) => d['label'])).toEqual(['naive', 'batched', 'pooled', 'cached']);
  });

  it('shows every repeat in the timeline, the first in the legend', () => {
    const chart = byId.get('chart-timeline')!;
    const naive = chart.config.data.datasets.filter((d) => d['varbenchGroup'] === 'naive');
    expect(naive.map((d) => d['label'])).toEqual(['naive', 'naive (repeat 1)', 'naive (repeat 2)']);
    expect(naive.map((d) => d['varbenchLegend'])).toEqual([true, false, false]);
    const first = model.analysis.variants[0]!.timelines.find((t) => t.repeat === 0)!;
    expect(naive[0]!['data']).toEqual(first.points.map((p) => ({ x: p.tMs / 1000, y: p.opsPerSec })));
  });

  it('plots heap and RSS of the first repeat in MiB', () => {
    const chart = byId.get('chart-memory')!;
    expect(chart.config.data.datasets.map((d) => d['label'])).toEqual([
      'naive', 'naive RSS', 'batched', 'batched RSS', 'pooled', 'pooled RSS', 'cached', 'cached RSS',
    ]);
    const sample = model.analysis.variants[0]!.memory[0]!.samples[1]!;
    const [heap, rss] = chart.config.data.datasets as { data: { x: number; y: number }[] }[];
    expect(heap!.data[1]).toEqual({ x: sample.tMs / 1000, y: sample.heapUsedBytes / 1024 ** 2 });
    expect(rss!.data[1]).toEqual({ x: sample.tMs / 1000, y: sample.rssBytes / 1024 ** 2 });
  });
});
