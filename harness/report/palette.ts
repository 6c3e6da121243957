/**
 * One fixed colour per variant, the same in every table swatch and chart, so
 * a reader learns "cached is orange" once. The four known variants keep their
 * colours across runs; others take the next unused colour in run order.
 * Colours are from the Tableau 10 palette (distinguishable, colour-blind aware).
 */
import { escapeHtml } from './escape.ts';

const KNOWN: Readonly<Record<string, string>> = {
  naive: '#79706e',
  batched: '#4e79a7',
  pooled: '#59a14f',
  cached: '#f28e2b',
};

const EXTRA = ['#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const;

/** Colours for the given variants, in order. */
export function variantColours(variants: readonly string[]): ReadonlyMap<string, string> {
  const colours = new Map<string, string>();
  let next = 0;
  for (const variant of variants) {
    const known = KNOWN[variant];
    if (known !== undefined) colours.set(variant, known);
  }
  for (const variant of variants) {
    if (colours.has(variant)) continue;
    colours.set(variant, EXTRA[next % EXTRA.length]!);
    next++;
  }
  return colours;
}

/** `#rrggbb` with an alpha channel, for fills. */
export function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(Math.min(1, Math.max(0, alpha)) * 255)
    .toString(16)
    .padStart(2, '0');
  return `${hex}${a}`;
}

/** A variant's name with its colour swatch, as every table shows it. `extra` is trusted HTML. */
export function variantCell(variant: string, colours: ReadonlyMap<string, string>, extra = ''): string {
  const colour = colours.get(variant) ?? '#888888';
  return `<span class="swatch" style="background:${escapeHtml(colour)}"></span>${escapeHtml(variant)}${extra}`;
}
