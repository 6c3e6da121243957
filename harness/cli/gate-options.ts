/**
 * The gate's command-line settings (--noise-threshold, --alpha,
 * --correction, --confirm, --metrics), parsed and checked before anything
 * runs, with messages that say what a valid value looks like.
 */
import type { CellCatalogue } from '../gate/cells.ts';
import { DEFAULT_ALPHA, DEFAULT_CORRECTION, DEFAULT_NOISE_THRESHOLD } from '../gate/compare.ts';
import type { GateOptions } from '../gate/options.ts';
import { VarbenchError } from '../core/errors.ts';

export interface GateOptionValues {
  readonly 'noise-threshold'?: string;
  readonly alpha?: string;
  readonly correction?: string;
  readonly confirm?: string;
  readonly metrics?: string;
}


/** "5%" or "0.05" -> 0.05; a bare number >= 1 is refused (is "5" 5 % or 500 %?). */
function fraction(value: string, option: string, example: string): number {
  const percent = value.trim().endsWith('%');
  const n = Number(percent ? value.trim().slice(0, -1) : value);
  const result = percent ? n / 100 : n;
  if (!Number.isFinite(n) || !(result > 0 && result < 1)) {
    throw new VarbenchError('USAGE', `${option} expects a fraction between 0 and 1 or a percentage, e.g. ${example}; got '${value}'.`);
  }
  return result;
}

/**
 * `catalogue`: the subject's gate cells, whose groups --metrics may name;
 * null for a subject without a gate (then --metrics has nothing to select).
 */
export function parseGateOptions(values: GateOptionValues, catalogue: CellCatalogue | null): GateOptions {
  const correction = values.correction ?? DEFAULT_CORRECTION;
  if (correction !== 'holm' && correction !== 'bh') {
    throw new VarbenchError('USAGE', `--correction expects holm (family-wise error, the default) or bh (Benjamini-Hochberg false discovery rate); got '${correction}'.`);
  }
  let confirmRepeats: number | undefined;
  if (values.confirm !== undefined) {
    const n = Number(values.confirm);
    if (!Number.isInteger(n) || n < 0) {
      throw new VarbenchError('USAGE', `--confirm expects the number of confirmation repeats per flagged variant (0 turns the round off); got '${values.confirm}'.`);
    }
    confirmRepeats = n;
  }
  let metrics: string[] | null = null;
  if (values.metrics !== undefined) {
    metrics = [...new Set(values.metrics.split(',').map((m) => m.trim()).filter(Boolean))];
    const groups = Object.keys(catalogue?.groups ?? {});
    const unknown = metrics.filter((m) => !groups.includes(m));
    if (metrics.length === 0 || unknown.length > 0) {
      throw new VarbenchError('USAGE', `--metrics: unknown metric group '${unknown.join(', ') || values.metrics}'. Use any of ${groups.join(', ') || '(none: this scenario has no gate)'} (e.g. --metrics throughput,p99).`);
    }
  }
  return {
    noiseThreshold: values['noise-threshold'] === undefined ? DEFAULT_NOISE_THRESHOLD : fraction(values['noise-threshold'], '--noise-threshold', '5% or 0.05'),
    alpha: values.alpha === undefined ? DEFAULT_ALPHA : fraction(values.alpha, '--alpha', '0.05 or 1%'),
    correction,
    confirmRepeats,
    metrics,
  };
}
