/**
 * Wilcoxon's signed-rank test on paired differences (Wilcoxon, "Individual
 * Comparisons by Ranking Methods", Biometrics Bulletin 1(6), 1945), with the
 * Hodges-Lehmann estimate of the shift and its exact confidence interval
 * (Hodges & Lehmann, "Estimates of Location Based on Rank Tests", Annals of
 * Mathematical Statistics 34(2), 1963; Hollander & Wolfe, Nonparametric
 * Statistical Methods, 1999, §3.1-3.3).
 *
 * Why this test for the paired gate: each pair is the same job run on two
 * sides back to back, so what drifts on a shared machine hits both and
 * cancels in the difference; the differences of log ratios are skewed and
 * have outliers (a noisy neighbour hits one job of a pair), so a t-test's
 * normality does not hold, while under H0 (differences symmetric about 0)
 * every sign pattern of the ranked |d| is equally likely, whatever their
 * distribution.
 *
 * - T⁺ is the sum of the ranks of |dᵢ| over the positive dᵢ. Exact null
 *   distribution by dynamic programming over "the first i ranks with sum s",
 *   each rank positive with probability 1/2 (kept as probabilities, so any n
 *   works). Zero differences are dropped (Wilcoxon's own convention); tied
 *   |d| get their average rank and the enumeration runs over those midranks
 *   (exact conditional on the tie pattern), as mann-whitney.ts does.
 * - The Hodges-Lehmann estimate is the median of the n(n+1)/2 Walsh averages
 *   (dᵢ + dⱼ)/2, i <= j. Its interval at confidence 1 − α is
 *   [W₍ₖ₎, W₍ₘ₊₁₋ₖ₎], the k-th smallest and k-th largest Walsh averages,
 *   where k − 1 is the largest c with P(T⁺ <= c) <= α/2 under H0. The
 *   distribution is discrete, so the interval's real coverage,
 *   1 − 2·P(T⁺ <= k − 1), is returned with it (it is at least 1 − α). With
 *   too few pairs no k exists (even P(T⁺ = 0) = 2⁻ⁿ exceeds α/2): the
 *   interval is then unbounded and says so.
 */

export interface SignedRankResult {
  /** Differences used (zeros dropped). */
  readonly n: number;
  /** T⁺: the rank sum of the positive differences. */
  readonly statistic: number;
  /** Exact two-sided p: twice the smaller tail, capped at 1 (1 when n = 0). */
  readonly pValue: number;
}

export interface ShiftEstimate {
  /** The Hodges-Lehmann estimate (median of the Walsh averages); NaN with no differences. */
  readonly estimate: number;
  /** Bounds at the asked confidence; ±Infinity when the pairs cannot reach it. */
  readonly lower: number;
  readonly upper: number;
  /** The interval's exact coverage under H0's distribution (>= the asked confidence when bounded, 1 when unbounded). */
  readonly coverage: number;
}

/** Average ranks (1-based) of the values, ties sharing the mean of their positions. */
function midranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]!.value === order[i]!.value) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]!.index] = rank;
    i = j + 1;
  }
  return ranks;
}

/**
 * The null distribution of T⁺ for these ranks, on a grid of half-units
 * (midranks are multiples of 1/2): probability[s] = P(T⁺ = s / 2).
 */
function nullDistribution(ranks: readonly number[]): Float64Array {
  const doubled = ranks.map((rank) => Math.round(rank * 2));
  const max = doubled.reduce((sum, r) => sum + r, 0);
  let probability = new Float64Array(max + 1);
  probability[0] = 1;
  let reach = 0;
  for (const r of doubled) {
    const next = new Float64Array(max + 1);
    for (let s = 0; s <= reach; s++) {
      const p = probability[s]!;
      if (p === 0) continue;
      next[s] = next[s]! + p / 2;
      next[s + r] = next[s + r]! + p / 2;
    }
    reach += r;
    probability = next;
  }
  return probability;
}

function nonZero(differences: readonly number[]): number[] {
  return differences.filter((d) => d !== 0 && Number.isFinite(d));
}

export function signedRankTest(differences: readonly number[]): SignedRankResult {
  const d = nonZero(differences);
  if (d.length === 0) return { n: 0, statistic: 0, pValue: 1 };
  const ranks = midranks(d.map(Math.abs));
  const statistic = d.reduce((sum, value, i) => (value > 0 ? sum + ranks[i]! : sum), 0);
  const probability = nullDistribution(ranks);
  const at = Math.round(statistic * 2);
  let lowerTail = 0;
  let upperTail = 0;
  probability.forEach((p, s) => {
    if (s <= at) lowerTail += p;
    if (s >= at) upperTail += p;
  });
  return { n: d.length, statistic, pValue: Math.min(1, 2 * Math.min(lowerTail, upperTail)) };
}

/** Every (dᵢ + dⱼ)/2 with i <= j, sorted. */
export function walshAverages(differences: readonly number[]): number[] {
  const averages: number[] = [];
  for (let i = 0; i < differences.length; i++) {
    for (let j = i; j < differences.length; j++) averages.push((differences[i]! + differences[j]!) / 2);
  }
  return averages.sort((a, b) => a - b);
}

/**
 * The smallest rank k (1-based) of the interval's lower bound among the
 * sorted Walsh averages of n untied differences, and the interval's
 * coverage; k = 0 when n pairs cannot reach `confidence`.
 */
export function walshIntervalRank(n: number, confidence: number): { readonly k: number; readonly coverage: number } {
  const alphaHalf = (1 - confidence) / 2;
  const probability = nullDistribution(Array.from({ length: n }, (_, i) => i + 1));
  // probability is on the half-unit grid; untied ranks are integers, so only even indices carry mass.
  let cumulative = 0;
  let c = -1;
  for (let s = 0; s < probability.length; s += 2) {
    if (cumulative + probability[s]! > alphaHalf) break;
    cumulative += probability[s]!;
    c = s / 2;
  }
  if (c < 0) return { k: 0, coverage: 1 };
  return { k: c + 1, coverage: 1 - 2 * cumulative };
}

export function hodgesLehmann(differences: readonly number[], confidence: number): ShiftEstimate {
  const d = nonZero(differences);
  if (d.length === 0) {
    const all = differences.filter(Number.isFinite);
    // Every difference zero: no shift, and no evidence of any other.
    return all.length > 0 ? { estimate: 0, lower: 0, upper: 0, coverage: 1 } : { estimate: NaN, lower: -Infinity, upper: Infinity, coverage: 1 };
  }
  const walsh = walshAverages(d);
  const m = walsh.length;
  const estimate = m % 2 === 1 ? walsh[(m - 1) / 2]! : (walsh[m / 2 - 1]! + walsh[m / 2]!) / 2;
  const { k, coverage } = walshIntervalRank(d.length, confidence);
  if (k === 0) return { estimate, lower: -Infinity, upper: Infinity, coverage };
  return { estimate, lower: walsh[k - 1]!, upper: walsh[m - k]!, coverage };
}

/** The fewest pairs whose exact test can reach two-sided p <= alpha (every difference of one sign: p = 2 / 2ⁿ). */
export function pairsForSignificance(alpha: number): number {
  let n = 1;
  while (2 / 2 ** n > alpha) n++;
  return n;
}
