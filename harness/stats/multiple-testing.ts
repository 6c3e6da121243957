/**
 * Adjusted p-values for a family of tests (one per compared cell), so a gate
 * that looks at twenty cells does not raise a false alarm on one of them
 * simply because it looked twenty times.
 *
 * - Holm (Holm, "A Simple Sequentially Rejective Multiple Test Procedure",
 *   Scandinavian Journal of Statistics 6(2), 1979): step-down, controls the
 *   family-wise error rate (the chance of any false alarm) under any
 *   dependence between the tests. Uniformly more powerful than Bonferroni.
 * - Benjamini-Hochberg (Benjamini & Hochberg, "Controlling the False
 *   Discovery Rate", JRSS B 57(1), 1995): step-up, controls the expected
 *   share of false alarms among the flagged cells, valid for independent or
 *   positively dependent tests (Benjamini & Yekutieli 2001) — cells of one
 *   run share the machine, so they are positively dependent if anything.
 *   More powerful when many cells move together.
 *
 * Both return adjusted p-values (compare each with alpha directly), computed
 * as R's p.adjust does: monotone in the raw p-values, capped at 1, in the
 * caller's order. Tied raw p-values get equal adjusted values without special
 * handling: within a tie, Holm's multipliers shrink along the order (so the
 * running maximum keeps the first) and BH's grow towards the front (so the
 * running minimum keeps the last).
 */

export type Correction = 'holm' | 'bh';

export const CORRECTION_NAMES: Readonly<Record<Correction, string>> = {
  holm: 'Holm',
  bh: 'Benjamini-Hochberg',
};

function requirePValues(pValues: readonly number[], what: string): void {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${what}: p-value ${i} is ${String(p)}; p-values must lie in [0, 1]`);
  });
}

/** Indices of `pValues` in ascending order of p (stable, so ties keep input order). */
function ascendingOrder(pValues: readonly number[]): number[] {
  return pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
}

/**
 * Holm: with p₍₁₎ <= … <= p₍ₘ₎, adjusted p₍ᵢ₎ = max over j <= i of
 * min(1, (m − j + 1)·p₍ⱼ₎). The running maximum makes the step-down
 * monotone: a cell can only be flagged if every smaller p was flagged.
 */
export function holm(pValues: readonly number[]): number[] {
  requirePValues(pValues, 'holm');
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  order.forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = runningMax;
  });
  return adjusted;
}

/**
 * Benjamini-Hochberg: adjusted p₍ᵢ₎ = min over j >= i of min(1, m/j · p₍ⱼ₎).
 * The running minimum from the largest p down is the step-up: a cell is
 * flagged if any larger p passes its own, looser, bound.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  requirePValues(pValues, 'benjaminiHochberg');
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m);
  let runningMin = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank]!;
    runningMin = Math.min(runningMin, Math.min(1, (m / (rank + 1)) * pValues[index]!));
    adjusted[index] = runningMin;
  }
  return adjusted;
}

export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  switch (correction) {
    case 'holm':
      return holm(pValues);
    case 'bh':
      return benjaminiHochberg(pValues);
    default: {
      const unknown: never = correction;
      throw new RangeError(`adjustPValues: unknown correction '${String(unknown)}'; use 'holm' or 'bh'`);
    }
  }
}
