/**
 * The balance report's charts, as ChartSpecs like charts.ts builds them (JSON
 * for chart.js, drawn by chart-script.ts): where each variant's time goes
 * (stacked stages, horizontal so the variant names read along the axis), and
 * the end-to-end times with their intervals next to the bare SQL query, the
 * floor no pipeline can go below.
 */
import type { BalanceStages } from './results.ts';
import type { BalanceVariantSummary } from './run-summary.ts';
import type { BalanceReportModel } from './run-summary.ts';
import { BASE_OPTIONS, type ChartSpec } from '../../report/chart-spec.ts';
import { variantColours, withAlpha } from '../../report/palette.ts';

/** The pipeline's steps in the order they run (variants/balance/pipeline.ts PipelineStages). */
export const BALANCE_STAGES: readonly { readonly key: keyof BalanceStages; readonly label: string; readonly colour: string }[] = [
  // Tableau 10 colours that no known variant uses, so a stage is never read as a variant.
  { key: 'slotMappingMs', label: 'slot mapping', colour: '#b07aa1' },
  { key: 'queryMs', label: 'query', colour: '#76b7b2' },
  { key: 'filterDecodeMs', label: 'filter/decode', colour: '#edc948' },
  { key: 'writeMs', label: 'write', colour: '#9c755f' },
];

export const REFERENCE_LABEL = 'SQL reference query';
const REFERENCE_COLOUR = '#3d4451';

export function buildBalanceCharts(model: BalanceReportModel): readonly ChartSpec[] {
  const balance = model.analysis;
  const colours = variantColours(balance.variants.map((v) => v.variant));
  const colourOf = (variant: string): string => colours.get(variant) ?? '#888888';
  return [stagesChart(balance.variants), endToEndChart(model, colourOf)];
}

function label(v: BalanceVariantSummary, measured: boolean): string {
  return measured ? v.variant : `${v.variant} (failed)`;
}

function stagesChart(variants: readonly BalanceVariantSummary[]): ChartSpec {
  return {
    id: 'chart-balance-stages',
    title: 'Where the time goes: stages per variant',
    caption:
      'Median time of each pipeline stage in the measured (warm) runs, median across ok repeats; the cold first run is in the summary table. ' +
      'A bar is the sum of its stage medians, which can differ a little from the end-to-end median (time between stages, medians of different runs). Missing bar: no ok repeat.',
    config: {
      type: 'bar',
      data: {
        labels: variants.map((v) => label(v, v.stages !== null)),
        datasets: BALANCE_STAGES.map((stage) => ({
          label: stage.label,
          data: variants.map((v) => (v.stages === null ? null : v.stages[stage.key])),
          backgroundColor: withAlpha(stage.colour, 0.85),
          borderColor: stage.colour,
          borderWidth: 1,
        })),
      },
      options: {
        ...BASE_OPTIONS,
        indexAxis: 'y',
        // One tooltip lists every stage of the variant under the pointer.
        interaction: { mode: 'index', axis: 'y', intersect: false },
        scales: {
          x: { stacked: true, beginAtZero: true, title: { display: true, text: 'time (median run)' } },
          y: { stacked: true },
        },
      },
    },
    xFormat: 'ms',
    yFormat: null,
  };
}

function endToEndChart(model: BalanceReportModel, colourOf: (v: string) => string): ChartSpec {
  const balance = model.analysis;
  const variants = balance.variants;
  const reference = balance.referenceQueryMs;
  const estimates = [...variants.map((v) => v.endToEndMs), reference];
  const lows = estimates.flatMap((e) => (e ? [e.median, e.interval?.low ?? e.median] : [])).filter((x) => x > 0);
  // Log scale: naive can be tens of times slower than the best variant, which
  // on a linear axis would flatten the comparison that matters (best variant
  // vs the SQL query). Bars start a power of ten below half the smallest value
  // so that the shortest bar still has length.
  const floor = lows.length > 0 ? 10 ** Math.floor(Math.log10(Math.min(...lows) / 2)) : 1;
  // Room above the tallest whisker, so no interval is cut off at the top.
  const highs = estimates.flatMap((e) => (e ? [e.median, e.interval?.high ?? e.median] : []));
  const top = highs.length > 0 ? Math.max(...highs) * 1.15 : 10;
  const confidence = estimates.find((e) => e?.interval)?.interval?.confidence ?? 0.95;
  const colours = [...variants.map((v) => colourOf(v.variant)), REFERENCE_COLOUR];
  return {
    id: 'chart-balance-end-to-end',
    title: 'End-to-end time',
    caption:
      `Bars: median end-to-end time of the measured runs, across ok repeats (shorter is faster), on a log scale: equal ratios are equal distances. Whiskers: ${Math.round(confidence * 100)}% bootstrap confidence interval of the median (none with fewer than 2 ok repeats). ` +
      `Last bar: the bare latest-value SQL query for the same tokens on the same database, the database's own work; the gap to it is the pipeline's overhead. Missing bar: no ok repeat.`,
    config: {
      type: 'bar',
      data: {
        labels: [...variants.map((v) => label(v, v.endToEndMs !== null)), REFERENCE_LABEL],
        datasets: [
          {
            label: 'median end to end',
            data: estimates.map((e) => e?.median ?? null),
            backgroundColor: colours.map((c) => withAlpha(c, 0.75)),
            borderColor: colours,
            borderWidth: 1,
          },
        ],
      },
      options: {
        ...BASE_OPTIONS,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { display: false } },
        scales: {
          y: { type: 'logarithmic', min: floor, suggestedMax: top, title: { display: true, text: 'time (log scale)' } },
        },
      },
    },
    xFormat: null,
    yFormat: 'ms',
    errorBars: estimates.map((e) => (e?.interval ? { low: e.interval.low, high: e.interval.high } : null)),
  };
}
