/**
 * The standard normal distribution's upper tail, for the large-sample
 * (normal-approximation) branch of the Mann-Whitney U test.
 *
 * P(Z > z) = erfc(z / √2) / 2. erfc is computed to near double precision
 * in two regimes, so small tail probabilities keep their relative accuracy
 * (1 − erf(x) would cancel to 0 long before the tail does):
 *
 * - x < 2: the Maclaurin series of erf (Abramowitz & Stegun 7.1.5),
 *   erf(x) = 2/√π · Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)), then erfc = 1 − erf.
 *   For x < 2 the largest term is below 3, so cancellation costs at most
 *   one digit, and erfc(2) ≈ 4.7e-3 leaves ~13 significant digits.
 * - x ≥ 2: the continued fraction (A&S 7.1.14)
 *   erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))),
 *   evaluated with the modified Lentz algorithm (Press et al., Numerical
 *   Recipes, 3rd ed., §5.2). It converges quickly for x ≥ 2 and never
 *   subtracts nearly equal numbers.
 */

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);
const SERIES_LIMIT = 2;
const EPSILON = 1e-17;
const TINY = 1e-300;
const MAX_TERMS = 500;

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x; // (−1)ⁿ x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= -x2 / n;
    const contribution = term / (2 * n + 1);
    sum += contribution;
    if (Math.abs(contribution) < EPSILON * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/** Modified Lentz evaluation of b0 + a1/(b1 + a2/(b2 + …)) with b_k = x, a_k = k/2. */
function erfcContinuedFraction(x: number): number {
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < MAX_TERMS; k++) {
    const a = k / 2;
    d = x + a * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = x + a / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return (Math.exp(-x * x) * ONE_OVER_SQRT_PI) / f;
}

/** Complementary error function, erfc(x) = 1 − erf(x), for any finite x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('erfc: x is NaN');
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x === Number.NEGATIVE_INFINITY) return 2;
  if (x < 0) return 2 - erfc(-x);
  // e^(−x²) underflows to 0 beyond x ≈ 26.6; so does erfc.
  if (x > 27) return 0;
  return x < SERIES_LIMIT ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}

/** Upper tail of the standard normal distribution, P(Z > z) (scipy.stats.norm.sf). */
export function normalSurvival(z: number): number {
  return erfc(z / Math.SQRT2) / 2;
}
