/**
 * The report's charts as plain JSON specs: chart.js configs plus what a JSON
 * config cannot carry (tick formatters, error bars, the nines axis), which
 * chart-script.ts adds in the browser. Computing the series here keeps the
 * inline script small and the data testable.
 */
import { OP_TYPES, type OpType } from './scenario.ts';
import type { StorageReportModel, VariantSummary } from './run-summary.ts';
import { BASE_OPTIONS, ninesOf, type ChartSpec, type ErrorBar } from '../../report/chart-spec.ts';
import { variantColours, withAlpha } from '../../report/palette.ts';
import { FEW_SAMPLES_MARK, UNSUPPORTED_PERCENTILE_LEGEND, isUnsupportedPercentile, samplesText } from '../../report/percentile-mark.ts';

export function buildCharts(model: StorageReportModel): readonly ChartSpec[] {
  const variants = model.analysis.variants;
  const colours = variantColours(variants.map((v) => v.variant));
  const colourOf = (variant: string): string => colours.get(variant) ?? '#888888';
  const specs: ChartSpec[] = [throughputChart(variants, colourOf)];
  for (const op of OP_TYPES) {
    if (variants.some((v) => v.latency[op] !== undefined)) specs.push(latencyChart(op, variants, colourOf));
  }
  specs.push(timelineChart(variants, colourOf), memoryChart(variants, colourOf));
  return specs;
}

function throughputChart(variants: readonly VariantSummary[], colourOf: (v: string) => string): ChartSpec {
  const highs = variants.flatMap((v) => (v.throughput ? [v.throughput.median, v.throughput.interval?.high ?? 0] : []));
  const top = highs.length > 0 ? Math.max(...highs) : 1;
  const confidence = variants.find((v) => v.throughput?.interval)?.throughput?.interval?.confidence ?? 0.95;
  return {
    id: 'chart-throughput',
    title: 'Throughput',
    caption: `Bars: median ops/s across ok repeats. Whiskers: ${Math.round(confidence * 100)}% bootstrap confidence interval of the median (none with fewer than 2 ok repeats). Missing bar: no ok repeat.`,
    config: {
      type: 'bar',
      data: {
        labels: variants.map((v) => (v.throughput ? v.variant : `${v.variant} (failed)`)),
        datasets: [
          {
            label: 'median throughput',
            data: variants.map((v) => v.throughput?.median ?? null),
            backgroundColor: variants.map((v) => withAlpha(colourOf(v.variant), 0.75)),
            borderColor: variants.map((v) => colourOf(v.variant)),
            borderWidth: 1,
          },
        ],
      },
      options: {
        ...BASE_OPTIONS,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { display: false } },
        scales: {
          y: { beginAtZero: true, suggestedMax: top * 1.08, title: { display: true, text: 'ops/s' } },
        },
      },
    },
    xFormat: null,
    yFormat: 'rate',
    errorBars: variants.map((v) => {
      const interval = v.throughput?.interval;
      return interval ? { low: interval.low, high: interval.high } : null;
    }),
  };
}

function ninesLabel(k: number): string {
  // k nines: 1 -> 90, 2 -> 99, 3 -> 99.9; toFixed avoids 99.9000000001.
  return `${(100 - 10 ** (2 - k)).toFixed(Math.max(0, k - 2))}%`;
}

function latencyChart(op: OpType, variants: readonly VariantSummary[], colourOf: (v: string) => string): ChartSpec {
  const finite = variants.flatMap((v) =>
    (v.latency[op]?.curve ?? []).filter((p) => p.percentile < 100).map((p) => ninesOf(p.percentile)),
  );
  const lastNines = Math.max(2, Math.ceil(Math.max(0, ...finite) - 1e-9));
  const maxX = lastNines + 1;
  const ticks = [{ value: ninesOf(50), label: '50%' }];
  for (let k = 1; k <= lastNines; k++) ticks.push({ value: k, label: ninesLabel(k) });
  ticks.push({ value: maxX, label: 'max' });
  const datasets = variants.flatMap((v) => {
    const latency = v.latency[op];
    if (!latency) return [];
    const colour = colourOf(v.variant);
    // Log y: drop non-positive values, which a log scale cannot place.
    const points = latency.curve
      .filter((p) => p.valueNs > 0)
      .map((p) => {
        const unsupported = isUnsupportedPercentile(latency.samples, p.percentile);
        return {
          x: p.percentile >= 100 ? maxX : ninesOf(p.percentile),
          y: p.valueNs,
          p: p.percentile,
          // Read by chart-script.ts's tooltip.
          ...(unsupported ? { note: `${FEW_SAMPLES_MARK} ${samplesText(latency.samples)}: too few timed ops above it` } : {}),
        };
      });
    // Solid while percentiles are supported; from the last supported point on, a
    // dashed line with hollow points (the max, an observed value, stays filled).
    const firstUnsupported = points.findIndex((point) => 'note' in point);
    const solid = firstUnsupported === -1 ? points : points.slice(0, Math.max(1, firstUnsupported));
    const dashed = firstUnsupported === -1 ? [] : points.slice(Math.max(0, firstUnsupported - 1));
    const line = { borderColor: colour, backgroundColor: colour, borderWidth: 2, tension: 0, varbenchGroup: v.variant };
    return [
      { ...line, label: v.variant, data: solid, pointRadius: 2.5, varbenchLegend: true },
      ...(dashed.length > 0
        ? [
            {
              ...line,
              label: v.variant,
              data: dashed,
              borderDash: [5, 4],
              pointRadius: 3,
              pointBackgroundColor: dashed.map((point) => ('note' in point ? '#ffffff' : colour)),
              varbenchLegend: false,
            },
          ]
        : []),
    ];
  });
  return {
    id: `chart-latency-${op}`,
    title: `Latency percentiles: ${op}`,
    caption:
      `Latency of sampled ${op} ops by percentile, HDR histograms of all ok repeats merged. x: percentile on a "nines" scale (each step is ten times rarer); y: latency, log scale. ` +
      `A dashed line and hollow points mark the percentiles too few timed ops support (${FEW_SAMPLES_MARK} in the tooltip). ${UNSUPPORTED_PERCENTILE_LEGEND}`,
    config: {
      type: 'line',
      data: { datasets },
      options: {
        ...BASE_OPTIONS,
        scales: {
          x: { type: 'linear', min: 0, max: maxX, title: { display: true, text: 'percentile' } },
          y: { type: 'logarithmic', title: { display: true, text: 'latency' } },
        },
      },
    },
    xFormat: 'nines',
    yFormat: 'ns',
    ninesTicks: ticks,
  };
}

function timelineChart(variants: readonly VariantSummary[], colourOf: (v: string) => string): ChartSpec {
  const datasets = variants.flatMap((v) => {
    const colour = colourOf(v.variant);
    return [...v.timelines]
      .sort((a, b) => a.repeat - b.repeat)
      .map((timeline, i) => ({
        label: i === 0 ? v.variant : `${v.variant} (repeat ${timeline.repeat})`,
        data: timeline.points.map((p) => ({ x: p.tMs / 1000, y: p.opsPerSec })),
        borderColor: i === 0 ? colour : withAlpha(colour, 0.35),
        backgroundColor: colour,
        borderWidth: i === 0 ? 2 : 1,
        pointRadius: 0,
        tension: 0,
        // Read by chart-script.ts: only the first repeat of a variant gets a
        // legend entry, and clicking it toggles the variant's whole group.
        varbenchLegend: i === 0,
        varbenchGroup: v.variant,
      }));
  });
  return {
    id: 'chart-timeline',
    title: 'Throughput over time',
    caption: 'Ops/s per sampling interval during the measured phase. Bold: the first ok repeat of each variant; faint: the other repeats.',
    config: {
      type: 'line',
      data: { datasets },
      options: {
        ...BASE_OPTIONS,
        scales: {
          x: { type: 'linear', beginAtZero: true, title: { display: true, text: 'time since start of measured phase' } },
          y: { beginAtZero: true, title: { display: true, text: 'ops/s' } },
        },
      },
    },
    xFormat: 'seconds',
    yFormat: 'rate',
  };
}

const MIB = 1024 * 1024;

function memoryChart(variants: readonly VariantSummary[], colourOf: (v: string) => string): ChartSpec {
  // Plotted in MiB so the axis gets round ticks (bytes would tick at 1e6 steps).
  const datasets = variants.flatMap((v) => {
    const first = [...v.memory].sort((a, b) => a.repeat - b.repeat)[0];
    if (!first) return [];
    const colour = colourOf(v.variant);
    const line = { borderColor: colour, backgroundColor: colour, pointRadius: 0, tension: 0, varbenchGroup: v.variant };
    return [
      { ...line, label: v.variant, data: first.samples.map((s) => ({ x: s.tMs / 1000, y: s.heapUsedBytes / MIB })), borderWidth: 2, varbenchLegend: true },
      { ...line, label: `${v.variant} RSS`, data: first.samples.map((s) => ({ x: s.tMs / 1000, y: s.rssBytes / MIB })), borderWidth: 1.5, borderDash: [6, 4], varbenchLegend: false },
    ];
  });
  return {
    id: 'chart-memory',
    title: 'Memory over time',
    caption: 'Heap used (solid) and resident set size (dashed) as sampled during the job, first ok repeat of each variant. A legend entry toggles both lines.',
    config: {
      type: 'line',
      data: { datasets },
      options: {
        ...BASE_OPTIONS,
        scales: {
          x: { type: 'linear', beginAtZero: true, title: { display: true, text: 'time' } },
          y: { beginAtZero: true, title: { display: true, text: 'memory' } },
        },
      },
    },
    xFormat: 'seconds',
    yFormat: 'mib',
  };
}
