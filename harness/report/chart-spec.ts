/**
 * A chart of the report as plain JSON: a chart.js 4 configuration plus what
 * JSON cannot carry (how an axis formats its values, error bars, the nines
 * axis), drawn in the browser by chart-script.ts. Subjects build them
 * (subjects/<name>/report-charts.ts); the page embeds them.
 */
/** How an axis's values are formatted in the browser (see chart-script.ts). */
export type AxisFormat = 'ns' | 'ms' | 'rate' | 'mib' | 'seconds' | 'nines';

export interface ErrorBar {
  readonly low: number;
  readonly high: number;
}

export interface ChartSpec {
  /** The canvas element's id. */
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  /** A chart.js 4 configuration, JSON only. */
  readonly config: {
    readonly type: 'bar' | 'line';
    readonly data: { readonly labels?: readonly string[]; readonly datasets: readonly Record<string, unknown>[] };
    readonly options: Record<string, unknown>;
  };
  /**
   * null: a category axis (the bars' labels), left to chart.js. The value
   * axis is y, or x when `config.options.indexAxis` is 'y' (horizontal bars).
   */
  readonly xFormat: AxisFormat | null;
  readonly yFormat: AxisFormat | null;
  /** Per bar (same order as labels): whisker from low to high, or null. */
  readonly errorBars?: readonly (ErrorBar | null)[];
  /** Fixed ticks of the nines axis, value = -log10(1 - p/100). */
  readonly ninesTicks?: readonly { readonly value: number; readonly label: string }[];
}

/** x position of percentile p on the "nines" axis: 90 -> 1, 99 -> 2, 99.9 -> 3. */
export function ninesOf(percentile: number): number {
  return -Math.log10(1 - percentile / 100);
}

export const BASE_OPTIONS = {
  // Deterministic drawing for screenshots and tests; nothing here is live.
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  interaction: { mode: 'nearest', intersect: false },
} as const;
