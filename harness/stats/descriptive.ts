/**
 * Descriptive statistics and bootstrap confidence intervals over repeats.
 *
 * Pure functions over number arrays; inputs are never mutated (sorting happens
 * on copies). Empty inputs and non-finite values are rejected with a
 * RangeError: a NaN throughput is a harness bug, not a sample.
 *
 * About small samples: a run has few repeats (3 by default, one process
 * each). A percentile bootstrap cannot produce an interval wider than the
 * sample's range, and with n = 3 its "95 %" interval of the median is exactly
 * [min, max], which covers the true median only 75 % of the time. So the
 * median's interval here is the distribution-free order-statistic interval
 * [x₍ₖ₎, x₍ₙ₊₁₋ₖ₎] (Hollander & Wolfe, Nonparametric Statistical Methods,
 * 1999, §3.6): the true median lies below x₍ₖ₎ with probability
 * P(Binomial(n, ½) <= k − 1), so its coverage is exact, and it is labelled
 * with that coverage (at least 95 % when the repeats can reach it, else the
 * best they can: 75 % for 3, 87.5 % for 4, 93.75 % for 5). The report also
 * shows min, max and the coefficient of variation next to it.
 */
import { Prng } from '../../lib/prng.ts';

/**
 * Fixed default seed so that the same results.json always yields the same
 * intervals (re-rendering a report must not change its numbers).
 */

export interface Interval {
  readonly low: number;
  readonly high: number;
  /** e.g. 0.95 */
  readonly confidence: number;
}

/** A statistic across repeats. `interval` is a bootstrap CI of the median; null with fewer than 2 samples. */
export interface Estimate {
  readonly n: number;
  readonly median: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Coefficient of variation: sample standard deviation / mean (0 for n < 2). */
  readonly cv: number;
  readonly interval: Interval | null;
}

export interface Speedup {
  /** The variant every other is compared with (naive). */
  readonly baseline: string;
  /** median(this variant's throughput) / median(baseline's). */
  readonly ratio: number;
  readonly interval: Interval | null;
}

export const DEFAULT_BOOTSTRAP_SEED = 0x5eed_b007;
export const DEFAULT_BOOTSTRAP_RESAMPLES = 10_000;
export const DEFAULT_CONFIDENCE = 0.95;

export interface BootstrapOptions {
  /** Number of bootstrap resamples (B). Efron & Tibshirani suggest >= 1000 for percentile intervals. */
  readonly resamples?: number;
  /** Two-sided coverage, in (0, 1). */
  readonly confidence?: number;
  /** PRNG seed (a safe integer); defaults to DEFAULT_BOOTSTRAP_SEED. */
  readonly seed?: number;
}

/** A statistic of one resample. The array is reused between calls: read it, don't keep it. */
export type Statistic = (sample: readonly number[]) => number;

function requireSamples(samples: readonly number[], what: string): void {
  if (samples.length === 0) throw new RangeError(`${what}: needs at least one sample, got an empty array`);
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i])) {
      throw new RangeError(`${what}: sample ${i} is ${String(samples[i])}; only finite numbers can be summarised`);
    }
  }
}

function sortedCopy(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}

/**
 * Sample quantile with linear interpolation between order statistics:
 * Hyndman & Fan (1996) type 7, the default of R's `quantile()` and of
 * `numpy.quantile` (method="linear"). With h = (n - 1)·q the result is
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) on the 0-based sorted sample.
 *
 * `sorted` must be in ascending order (checked: an unsorted input would give
 * a plausible but wrong number).
 */
export function quantile(sorted: readonly number[], q: number): number {
  requireSamples(sorted, 'quantile');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]! < sorted[i - 1]!) {
      throw new RangeError(`quantile: input must be sorted ascending; element ${i} (${sorted[i]}) < element ${i - 1} (${sorted[i - 1]})`);
    }
  }
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const lower = sorted[lo]!;
  if (lo + 1 >= sorted.length) return lower;
  const upper = sorted[lo + 1]!;
  const frac = h - lo;
  // Skipping the multiplication when frac is 0 keeps exact order statistics exact.
  return frac === 0 ? lower : lower + frac * (upper - lower);
}

export function median(samples: readonly number[]): number {
  requireSamples(samples, 'median');
  return quantile(sortedCopy(samples), 0.5);
}

export function mean(samples: readonly number[]): number {
  requireSamples(samples, 'mean');
  let sum = 0;
  for (const x of samples) sum += x;
  return sum / samples.length;
}

/**
 * Sample standard deviation with Bessel's correction (n − 1), computed in two
 * passes (mean first, then squared deviations) to avoid the cancellation of
 * the one-pass Σx² − n·x̄² formula. 0 for a single sample: there is no spread
 * to estimate, and the Estimate type reports cv = 0 for n < 2.
 */
export function sampleStdDev(samples: readonly number[]): number {
  requireSamples(samples, 'sampleStdDev');
  if (samples.length < 2) return 0;
  const m = mean(samples);
  let sumSq = 0;
  for (const x of samples) sumSq += (x - m) * (x - m);
  return Math.sqrt(sumSq / (samples.length - 1));
}

/**
 * Sample standard deviation / |mean|. Defined as 0 when there is no spread
 * (including n = 1 and all-zero samples such as GC pauses of a run with no
 * GC); +Infinity when the mean is 0 but the samples differ.
 */
export function coefficientOfVariation(samples: readonly number[]): number {
  const sd = sampleStdDev(samples);
  if (sd === 0) return 0;
  const m = Math.abs(mean(samples));
  return m === 0 ? Number.POSITIVE_INFINITY : sd / m;
}

interface ResolvedBootstrapOptions {
  readonly resamples: number;
  readonly confidence: number;
  readonly seed: number;
}

function resolveOptions(options: BootstrapOptions | undefined, what: string): ResolvedBootstrapOptions {
  const resamples = options?.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const confidence = options?.confidence ?? DEFAULT_CONFIDENCE;
  const seed = options?.seed ?? DEFAULT_BOOTSTRAP_SEED;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`${what}: resamples must be a positive integer, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${what}: confidence must be in (0, 1) (e.g. 0.95), got ${confidence}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`${what}: seed must be a safe integer, got ${seed}`);
  return { resamples, confidence, seed };
}

/** Draws n values with replacement into `into` (reused across resamples to spare the allocator). */
function resampleInto(prng: Prng, samples: readonly number[], into: number[]): number[] {
  const n = samples.length;
  for (let i = 0; i < n; i++) into[i] = samples[prng.nextInt(n)]!;
  return into;
}

/** Percentile interval: the (1−c)/2 and (1+c)/2 quantiles of the bootstrap distribution. */
function percentileInterval(replicates: number[], confidence: number): Interval {
  replicates.sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  return { low: quantile(replicates, alpha), high: quantile(replicates, 1 - alpha), confidence };
}

/**
 * Percentile bootstrap confidence interval of `statistic` (Efron &
 * Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13): draw B
 * resamples of size n with replacement, compute the statistic on each, and
 * take the α/2 and 1 − α/2 quantiles (type 7) of those B values.
 *
 * Seeded (harness/workload/prng.ts) so that the same samples and options
 * always give the same interval. See the module comment for why the
 * interval is coarse with 3 repeats.
 */
export function bootstrapInterval(samples: readonly number[], statistic: Statistic, options?: BootstrapOptions): Interval {
  requireSamples(samples, 'bootstrapInterval');
  const { resamples, confidence, seed } = resolveOptions(options, 'bootstrapInterval');
  const prng = new Prng(seed);
  const buffer = new Array<number>(samples.length);
  const replicates = new Array<number>(resamples);
  for (let b = 0; b < resamples; b++) replicates[b] = statistic(resampleInto(prng, samples, buffer));
  return percentileInterval(replicates, confidence);
}

export interface RatioEstimate {
  /** median(numerator) / median(denominator), from the original samples. */
  readonly ratio: number;
  /** Percentile bootstrap interval of the ratio; null when either side has fewer than 2 samples. */
  readonly interval: Interval | null;
}

/**
 * Ratio of medians with a percentile bootstrap interval, resampling the two
 * groups independently (a two-sample bootstrap, Efron & Tibshirani ch. 8),
 * because repeats of different variants are separate processes, not pairs.
 * Used for speedups: numerator = a variant's throughputs, denominator = the
 * baseline's. Denominator samples must be positive so no resampled median
 * can be 0.
 */
export function bootstrapRatioInterval(
  numerator: readonly number[],
  denominator: readonly number[],
  options?: BootstrapOptions,
): RatioEstimate {
  requireSamples(numerator, 'bootstrapRatioInterval (numerator)');
  requireSamples(denominator, 'bootstrapRatioInterval (denominator)');
  const { resamples, confidence, seed } = resolveOptions(options, 'bootstrapRatioInterval');
  const nonPositive = denominator.findIndex((x) => x <= 0);
  if (nonPositive !== -1) {
    throw new RangeError(
      `bootstrapRatioInterval: denominator samples must be > 0, sample ${nonPositive} is ${denominator[nonPositive]}`,
    );
  }
  const ratio = median(numerator) / median(denominator);
  // With one sample on either side that side never varies, and a CI that
  // ignores one group's uncertainty entirely would be misleading.
  if (numerator.length < 2 || denominator.length < 2) return { ratio, interval: null };

  const prng = new Prng(seed);
  const numBuffer = new Array<number>(numerator.length);
  const denBuffer = new Array<number>(denominator.length);
  const replicates = new Array<number>(resamples);
  for (let b = 0; b < resamples; b++) {
    const num = median(resampleInto(prng, numerator, numBuffer));
    const den = median(resampleInto(prng, denominator, denBuffer));
    replicates[b] = num / den;
  }
  return { ratio, interval: percentileInterval(replicates, confidence) };
}

/**
 * The order-statistic interval of the median of `sorted` (ascending): the
 * widest-k [x₍ₖ₎, x₍ₙ₊₁₋ₖ₎] whose exact coverage, 1 − 2·P(Bin(n, ½) <= k − 1),
 * is at least `confidence`; with too few samples for that, [min, max] and
 * its real (lower) coverage. `confidence` on the result is the coverage.
 */
export function medianInterval(sorted: readonly number[], confidence = DEFAULT_CONFIDENCE): Interval {
  const n = sorted.length;
  // tail[k] = P(Bin(n, ½) <= k - 1): the chance the median lies below x₍ₖ₎.
  let cumulative = 0;
  let binomial = 1; // C(n, 0)
  let best = { k: 1, coverage: 1 - 2 * 0.5 ** n };
  for (let k = 1; k <= Math.floor((n + 1) / 2); k++) {
    cumulative += binomial * 0.5 ** n; // adds P(Bin = k - 1)
    binomial = (binomial * (n - (k - 1))) / k;
    const coverage = 1 - 2 * cumulative;
    if (coverage < confidence) break;
    best = { k, coverage };
  }
  return { low: sorted[best.k - 1]!, high: sorted[n - best.k]!, confidence: best.coverage };
}

/**
 * Summary of one statistic across repeats: median, mean, min, max, cv and
 * the order-statistic interval of the median (null for n < 2).
 */
export function estimate(samples: readonly number[], options?: BootstrapOptions): Estimate {
  requireSamples(samples, 'estimate');
  const sorted = sortedCopy(samples);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    // mean and cv over the original order so they equal mean(samples) bit for bit.
    mean: mean(samples),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    cv: coefficientOfVariation(samples),
    interval: sorted.length >= 2 ? medianInterval(sorted, options?.confidence ?? DEFAULT_CONFIDENCE) : null,
  };
}
