/**
 * The gate's verdict reasons in words. gate/compare.ts and
 * gate/confirmation.ts record why a cell got its verdict as a code with
 * the numbers behind it (VerdictReason in gate/records.ts); this is the one
 * place that turns those into the sentence the HTML report, the Markdown
 * summary and the console show.
 */
import { formatPValue, formatRatio } from '../core/format.ts';
import { CORRECTION_NAMES } from '../stats/multiple-testing.ts';
import type { NotSignificantWhy, PValues, SignificanceTest, UntestedProblem, VerdictReason } from '../gate/records.ts';

/** "±5%", "±0.5%": whole percent from 1 % up, one decimal below. */
function band(threshold: number): string {
  return `±${(threshold * 100).toFixed(threshold * 100 < 1 ? 1 : 0)}%`;
}

/** "12.3%": the size of the change, without its sign. */
function percentChange(ratio: number): string {
  return `${(Math.abs(ratio - 1) * 100).toFixed(1)}%`;
}

/** "p = 0.1, Holm-adjusted 0.4" */
function pText(p: PValues): string {
  return `p = ${formatPValue(p.pValue)}, ${CORRECTION_NAMES[p.correction]}-adjusted ${formatPValue(p.adjustedPValue)}`;
}

/** "3 vs 5 repeats" (current vs baseline). */
function sizeText(test: SignificanceTest): string {
  return `${test.currentRepeats} vs ${test.baselineRepeats} repeats`;
}

/** "0.70× the baseline", or "no confirmation samples" without a ratio. */
function aloneText(ratio: number | null): string {
  return ratio === null ? 'no confirmation samples' : `${formatRatio(ratio)} the baseline`;
}

function describeProblem(problem: UntestedProblem | null): string {
  if (problem === null) return 'not tested';
  switch (problem.code) {
    case 'not-in-baseline':
      return 'not in the baseline (a new variant or metric): save a new baseline to track it';
    case 'not-measured':
      return 'not measured in this run (variant not run, or every repeat failed)';
    case 'unknown-metric':
      return `unknown metric '${problem.metric}': say whether higher is better in the options' higherIsBetter`;
    case 'undefined-ratio':
      return `the baseline median is ${problem.baselineMedian}, so a ratio is undefined`;
  }
}

function describeWhy(why: NotSignificantWhy): string {
  switch (why.code) {
    case 'sample-too-small':
      return `not significant: ${sizeText(why)} cannot give p below ${formatPValue(why.minimumPValue)} (${pText(why)} ≥ ${why.alpha})`;
    case 'above-alpha':
      return `not significant (${pText(why)} ≥ ${why.alpha}; ${sizeText(why)})`;
    case 'rank-test-disagrees':
      return `the rank test points the other way (probability of superiority ${why.probabilityOfSuperiority.toFixed(2)})`;
  }
}

/** A cell's verdict reason as one sentence, with the numbers behind it. */
export function describeReason(reason: VerdictReason): string {
  switch (reason.code) {
    case 'not-tested':
      return describeProblem(reason.problem);
    case 'within-noise':
      return `${formatRatio(reason.ratio)} the baseline: within the ${band(reason.threshold)} noise threshold (${pText(reason)})`;
    case 'significant-change':
      return (
        `${formatRatio(reason.ratio)} the baseline: ${percentChange(reason.ratio)} ${reason.direction}, beyond the ${band(reason.threshold)} ` +
        `noise threshold, and significant (${pText(reason)} < ${reason.alpha}; ${sizeText(reason)})`
      );
    case 'not-significant':
      return `${formatRatio(reason.ratio)} the baseline: ${percentChange(reason.ratio)} ${reason.direction} but ${describeWhy(reason.why)}`;
    case 'not-comparable':
      return `not comparable with the baseline: ${reason.reasons.join('; ') || 'environment differs'} (${describeReason(reason.inner)})`;
    case 'confirmed':
      return `${describeReason(reason.pooled)}; reproduced in the confirmation round (${reason.repeatsAlone} repeats alone: ${aloneText(reason.aloneRatio)})`;
    case 'inconclusive':
      return (
        `inconclusive: worse again in the confirmation round (${aloneText(reason.aloneRatio)}), but ${reason.currentRepeats} vs ${reason.baselineRepeats} repeats ` +
        `cannot reach significance over ${reason.familySize} cells; use at least ${reason.repeatsNeeded} repeats per side (${describeReason(reason.pooled)})`
      );
    case 'noise-not-reproduced': {
      const alone = aloneText(reason.aloneRatio);
      const within = reason.aloneRatio === null ? alone : `${alone}, within the ±${Math.round(reason.threshold * 100)}% threshold`;
      return `noise: not reproduced in the confirmation round (repeats alone: ${within}); pooled: ${describeReason(reason.pooled)}`;
    }
    case 'noise-pooled':
      return `noise: flagged, then not a regression with the confirmation repeats pooled (${describeReason(reason.pooled)})`;
    case 'not-flagged-first-round':
      return `not flagged in the first round, so not failed on the pooled repeats alone (${describeReason(reason.pooled)})`;
    case 'legacy-text':
      return reason.text;
  }
}
