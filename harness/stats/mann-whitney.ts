/**
 * The Mann-Whitney U test (Mann & Whitney, "On a Test of Whether one of Two
 * Random Variables is Stochastically Larger than the Other", Annals of
 * Mathematical Statistics 18(1), 1947; equivalent to Wilcoxon's rank-sum
 * test, 1945), two-sided.
 *
 * Why a rank test for benchmark repeats: throughputs and tail latencies of
 * separate processes are skewed and have outliers (a GC, a checkpoint, a
 * noisy neighbour), so a t-test's normality assumption does not hold with a
 * handful of repeats, while U is distribution-free: under H0 (both samples
 * from one distribution) every assignment of the pooled values to the two
 * groups is equally likely, whatever that distribution is.
 *
 * U = R₁ − n₁(n₁+1)/2, R₁ the rank sum of the first sample (tied values get
 * their average rank): the number of pairs (x, y) with x > y, ties counting
 * one half. This is scipy.stats.mannwhitneyu's statistic for `x`.
 *
 * p-values:
 * - Exact when n₁ + n₂ <= EXACT_MAX_TOTAL: the permutation distribution of
 *   the rank sum, enumerated by dynamic programming over "choose k of the
 *   first i pooled values with rank sum s" (the counting recursion behind
 *   Mann & Whitney's own tables). Without ties this is the classical exact
 *   null distribution of U and agrees with scipy's method="exact". With ties
 *   the same enumeration runs over the midranks, which gives the exact
 *   conditional distribution given the tie pattern (Lehmann, Nonparametrics:
 *   Statistical Methods Based on Ranks, 1975, §1.4). scipy and R switch to
 *   the normal approximation when there are ties; at the sample sizes of
 *   benchmark repeats that approximation is anti-conservative (3 vs 3 with
 *   each group tied within itself gives p = 0.047, while no split of six
 *   values can be rarer than 1 in 20), and HDR-quantised latencies tie
 *   often, so small samples stay exact.
 * - Otherwise the normal approximation with the tie-corrected variance
 *   σ² = n₁n₂/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1))), t the size of each
 *   tie group (Lehmann 1975, §1.4; Hollander & Wolfe, Nonparametric
 *   Statistical Methods, 1999, §4.1), and a continuity correction of 1/2:
 *   z = (|U − n₁n₂/2| − 1/2) / σ, p = 2·P(Z > z), capped at 1. This is
 *   scipy's method="asymptotic" with use_continuity=True.
 *
 * Two-sided p (exact branch) is twice the smaller tail, P(U <= u) or
 * P(U >= u), capped at 1, as scipy does.
 */
import { normalSurvival } from './normal.ts';

/**
 * Largest pooled sample enumerated exactly. C(50, 25) ≈ 1.3e14 < 2^53, so
 * every count in the enumeration is an exact double, and the table is at most
 * 26 × 2,551 entries.
 */
export const EXACT_MAX_TOTAL = 50;

export type MannWhitneyMethod = 'exact' | 'normal';

export interface MannWhitneyResult {
  readonly n1: number;
  readonly n2: number;
  /** U of the first sample: pairs with x > y, ties counting 1/2 (scipy's U1). */
  readonly u: number;
  /**
   * U / (n₁n₂): the probability that a value of the first sample exceeds one
   * of the second, ties counting half (the "common-language effect size",
   * McGraw & Wong 1992). 0.5 means no tendency either way.
   */
  readonly probabilityOfSuperiority: number;
  /** Two-sided. */
  readonly pValue: number;
  readonly method: MannWhitneyMethod;
  /** Continuity-corrected z for the normal branch; null when exact. */
  readonly z: number | null;
  /** Whether any value occurs more than once in the pooled sample. */
  readonly ties: boolean;
}

function requireSample(sample: readonly number[], what: string): void {
  if (sample.length === 0) throw new RangeError(`mannWhitneyU: ${what} sample is empty; the test needs at least one value per side`);
  sample.forEach((value, i) => {
    if (!Number.isFinite(value)) throw new RangeError(`mannWhitneyU: ${what} sample value ${i} is ${String(value)}; only finite numbers can be ranked`);
  });
}

interface Ranking {
  /** Twice the midrank of each pooled value, in pooled order (x first, then y): integers. */
  readonly doubledRanks: number[];
  /** Sizes of the groups of tied values (only groups of 2 or more). */
  readonly tieGroups: number[];
}

/** Midranks of the pooled sample (1-based); a tie group spanning ranks i..j gets (i + j)/2, stored doubled as i + j. */
function rankPooled(pooled: readonly number[]): Ranking {
  const order = pooled.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const doubledRanks = new Array<number>(pooled.length);
  const tieGroups: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    const doubled = start + 1 + (end + 1);
    for (let k = start; k <= end; k++) doubledRanks[order[k]!.index] = doubled;
    if (end > start) tieGroups.push(end - start + 1);
    start = end + 1;
  }
  return { doubledRanks, tieGroups };
}

/**
 * counts[s] = number of ways to choose `k` of the pooled values whose doubled
 * ranks sum to s (subset-sum counting, one value at a time, k descending so
 * each value is used at most once).
 */
function rankSumCounts(doubledRanks: readonly number[], k: number): Float64Array {
  let maxSum = 0;
  for (const r of doubledRanks) maxSum += r;
  const table: Float64Array[] = [];
  for (let j = 0; j <= k; j++) table.push(new Float64Array(maxSum + 1));
  table[0]![0] = 1;
  let reachable = 0; // largest sum reachable so far, to bound the inner loop
  for (let i = 0; i < doubledRanks.length; i++) {
    const r = doubledRanks[i]!;
    for (let j = Math.min(i + 1, k); j >= 1; j--) {
      const from = table[j - 1]!;
      const to = table[j]!;
      for (let s = reachable; s >= 0; s--) {
        const ways = from[s]!;
        if (ways !== 0) to[s + r] = to[s + r]! + ways;
      }
    }
    reachable += r;
  }
  return table[k]!;
}

function exactPValue(doubledRanks: readonly number[], firstCount: number): number {
  // Enumerate the smaller group: fewer table rows, same tails (the other
  // group's rank sum is the total minus this one).
  const n = doubledRanks.length;
  const useFirst = firstCount <= n - firstCount;
  const k = useFirst ? firstCount : n - firstCount;
  const observed = (useFirst ? doubledRanks.slice(0, firstCount) : doubledRanks.slice(firstCount)).reduce((a, b) => a + b, 0);
  const counts = rankSumCounts(doubledRanks, k);
  let total = 0;
  let lower = 0;
  let upper = 0;
  for (let s = 0; s < counts.length; s++) {
    const ways = counts[s]!;
    if (ways === 0) continue;
    total += ways;
    if (s <= observed) lower += ways;
    if (s >= observed) upper += ways;
  }
  return Math.min(1, (2 * Math.min(lower, upper)) / total);
}

/**
 * Two-sided Mann-Whitney U test of `x` against `y`. A small p says the two
 * samples are unlikely to come from one distribution; `u` and
 * `probabilityOfSuperiority` say in which direction (> n₁n₂/2: x tends larger).
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  requireSample(x, 'first');
  requireSample(y, 'second');
  const n1 = x.length;
  const n2 = y.length;
  const total = n1 + n2;
  const { doubledRanks, tieGroups } = rankPooled([...x, ...y]);
  let doubledRankSum1 = 0;
  for (let i = 0; i < n1; i++) doubledRankSum1 += doubledRanks[i]!;
  const u = doubledRankSum1 / 2 - (n1 * (n1 + 1)) / 2;
  const ties = tieGroups.length > 0;
  const base = { n1, n2, u, probabilityOfSuperiority: u / (n1 * n2), ties };

  if (total <= EXACT_MAX_TOTAL) {
    return { ...base, pValue: exactPValue(doubledRanks, n1), method: 'exact', z: null };
  }

  let tieTerm = 0;
  for (const t of tieGroups) tieTerm += t * t * t - t;
  const variance = ((n1 * n2) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (!(variance > 0)) {
    // Every pooled value equal: no ordering at all, no evidence of a difference.
    return { ...base, pValue: 1, method: 'normal', z: 0 };
  }
  const z = (Math.abs(u - (n1 * n2) / 2) - 0.5) / Math.sqrt(variance);
  return { ...base, pValue: Math.min(1, 2 * normalSurvival(z)), method: 'normal', z };
}

/**
 * Binomial coefficient C(n, k) as a double. After step i the running value is
 * C(n − m + i, i), an integer, so each division is exact while the products
 * stay below 2^53; beyond that it is a correctly rounded-ish double, which is
 * all a minimum p-value of 1e-15 needs.
 */
function choose(n: number, k: number): number {
  let result = 1;
  const m = Math.min(k, n - k);
  for (let i = 1; i <= m; i++) result = (result * (n - m + i)) / i;
  return result;
}

/**
 * The smallest two-sided p-value any split of n₁ + n₂ values can give:
 * 2 / C(n₁ + n₂, n₁), reached when the samples do not overlap. It bounds
 * every exact rank or permutation test, not only U: with 3 vs 3 repeats it is
 * 2/20 = 0.1, so no such test can be significant at 0.05 however large the
 * difference. (The normal branch can go lower only for pooled samples above
 * EXACT_MAX_TOTAL, where this bound is already minute.)
 */
export function minimumTwoSidedPValue(n1: number, n2: number): number {
  if (!Number.isInteger(n1) || !Number.isInteger(n2) || n1 < 1 || n2 < 1) {
    throw new RangeError(`minimumTwoSidedPValue: sample sizes must be whole numbers >= 1, got ${n1} and ${n2}`);
  }
  return Math.min(1, 2 / choose(n1 + n2, n1));
}

/**
 * Repeats per side (n vs n) needed for a change in one cell to be able to
 * reach significance at `alpha` within a family of `familySize` comparisons:
 * the smallest n with 2/C(2n, n) < alpha / familySize. Both Holm and
 * Benjamini-Hochberg adjust a lone small p-value to familySize · p, so a lone
 * change needs p < alpha / familySize under either. Examples at alpha 0.05:
 * 1 comparison -> 4 (min p 0.029), 2 to 6 -> 5 (0.0079), 7 to 23 -> 6 (0.0022).
 */
export function repeatsForSignificance(alpha: number, familySize = 1): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`repeatsForSignificance: alpha must be in (0, 1), got ${alpha}`);
  if (!Number.isInteger(familySize) || familySize < 1) {
    throw new RangeError(`repeatsForSignificance: familySize must be a whole number >= 1, got ${familySize}`);
  }
  const needed = alpha / familySize;
  let n = 1;
  while (minimumTwoSidedPValue(n, n) >= needed) n++;
  return n;
}
