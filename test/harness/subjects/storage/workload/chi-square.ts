/**
 * Pearson's chi-square statistic against equal expected counts, shared by the
 * workload tests. The thresholds the tests compare it with are the 0.999
 * quantiles of the chi-square distribution with (buckets - 1) degrees of
 * freedom (scipy.stats.chi2.ppf(0.999, df)): a correct generator exceeds
 * them with probability 0.001, and the seeds are fixed, so each test is
 * deterministic.
 */
export function chiSquareUniform(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  const expected = total / counts.length;
  let statistic = 0;
  for (let i = 0; i < counts.length; i++) {
    const difference = counts[i]! - expected;
    statistic += (difference * difference) / expected;
  }
  return statistic;
}

/** chi2.ppf(0.999, df) for the degrees of freedom the tests use. */
export const CHI_SQUARE_999: Readonly<Record<number, number>> = {
  2: 13.815510557964274,
  6: 22.457744484825323,
  49: 85.35056460859305,
  99: 148.23035916510173,
  255: 330.51974363400586,
};
