import { describe, expect, it } from 'vitest';
import { buildCharts, ninesOf } from '../../../harness/report/charts.ts';
import { sampleModel } from './fixtures.ts';

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
    const variants = model.summary.variants;
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
    const naive = chart.config.data.datasets.find((d) => d['label'] === 'naive')!;
    const points = naive['data'] as { x: number; y: number; p: number }[];
    const get = model.summary.variants[0]!.latency.get!;
    expect(points.map((pt) => pt.p)).toEqual(get.curve.map((c) => c.percentile));
    expect(points.at(-1)).toEqual({ x: maxX, y: get.maxNs, p: 100 });
    expect(chart.config.options['scales']).toMatchObject({ y: { type: 'logarithmic' }, x: { min: 0, max: maxX } });
  });

  it('shows every repeat in the timeline, the first in the legend', () => {
    const chart = byId.get('chart-timeline')!;
    const naive = chart.config.data.datasets.filter((d) => d['varbenchGroup'] === 'naive');
    expect(naive.map((d) => d['label'])).toEqual(['naive', 'naive (repeat 1)', 'naive (repeat 2)']);
    expect(naive.map((d) => d['varbenchLegend'])).toEqual([true, false, false]);
    const first = model.summary.variants[0]!.timelines.find((t) => t.repeat === 0)!;
    expect(naive[0]!['data']).toEqual(first.points.map((p) => ({ x: p.tMs / 1000, y: p.opsPerSec })));
  });

  it('plots heap and RSS of the first repeat in MiB', () => {
    const chart = byId.get('chart-memory')!;
    expect(chart.config.data.datasets.map((d) => d['label'])).toEqual([
      'naive', 'naive RSS', 'batched', 'batched RSS', 'pooled', 'pooled RSS', 'cached', 'cached RSS',
    ]);
    const sample = model.summary.variants[0]!.memory[0]!.samples[1]!;
    const [heap, rss] = chart.config.data.datasets as { data: { x: number; y: number }[] }[];
    expect(heap!.data[1]).toEqual({ x: sample.tMs / 1000, y: sample.heapUsedBytes / 1024 ** 2 });
    expect(rss!.data[1]).toEqual({ x: sample.tMs / 1000, y: sample.rssBytes / 1024 ** 2 });
  });
});
