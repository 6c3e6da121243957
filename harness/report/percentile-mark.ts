/**
 * How the report shows a latency percentile that too few timed ops support
 * (analysis/latency.ts percentileSupport): the value keeps its place with
 * "≈" before it, the number of timed ops it was read from next to it, and a
 * legend says what the mark means. One mark for the console, HTML and
 * Markdown, so a reader learns it once. Derived at render time from the
 * sample counts results.json already holds.
 */
import { MIN_SAMPLES_BEYOND_PERCENTILE, percentileSupport } from '../stats/latency.ts';
import { formatCount } from '../core/format.ts';

export const FEW_SAMPLES_MARK = '≈';

/**
 * Whether the `percentile` (0..100) of `samples` values is marked. Unknown
 * counts (null) are not; neither are the minimum and maximum (p0, p100),
 * which are observed values, not estimates of a percentile.
 */
export function isUnsupportedPercentile(samples: number | null | undefined, percentile: number): boolean {
  if (samples === null || samples === undefined || percentile <= 0 || percentile >= 100) return false;
  return !percentileSupport(samples, percentile).supported;
}

/** `text` (a formatted value) with the mark before it when too few timed ops support it. */
export function markPercentile(text: string, samples: number | null | undefined, percentile: number): string {
  return isUnsupportedPercentile(samples, percentile) ? `${FEW_SAMPLES_MARK}${text}` : text;
}

/** "n=40": the count shown beside marked values. */
export function samplesText(samples: number): string {
  return `n=${formatCount(samples)}`;
}

const NEEDED = [50, 90, 99, 99.9]
  .map((p, i) => `p${p}${i === 0 ? ' needs n ≥' : ''} ${formatCount(percentileSupport(0, p).samplesNeeded)}`)
  .join(', ');

/**
 * The legend of the mark, for every place that may show it: "≈: fewer than
 * 10 of the n timed ops lie above this percentile ... (p50 needs n ≥ 20, ...)".
 */
export const UNSUPPORTED_PERCENTILE_LEGEND =
  `${FEW_SAMPLES_MARK}: fewer than ${MIN_SAMPLES_BEYOND_PERCENTILE} of the n timed ops lie above this percentile, ` +
  `so a handful of ops decide it and the data do not support it (${NEEDED}).`;
