import { describe, expect, it } from 'vitest';
import { readSettings } from '../../../variants/storage/store-settings.ts';

const specs = {
  size: { default: 10, min: 1, integer: true, meaning: 'things' },
  rate: { default: 0.5, min: 0, max: 1, minExclusive: true, maxExclusive: true, integer: false, meaning: 'a rate' },
};

describe('readSettings', () => {
  it('fills in defaults and keeps given values', () => {
    expect(readSettings('demo', undefined, specs)).toEqual({ size: 10, rate: 0.5 });
    expect(readSettings('demo', { size: 3 }, specs)).toEqual({ size: 3, rate: 0.5 });
  });

  it('names the variant, the setting and what it accepts', () => {
    expect(() => readSettings('demo', { sise: 3 }, specs)).toThrow('demo store: unknown setting "sise" (known settings: size, rate)');
    expect(() => readSettings('demo', { size: 0 }, specs)).toThrow('demo store: setting size (things) must be >= 1, got 0');
    expect(() => readSettings('demo', { size: 2.5 }, specs)).toThrow(/size .* must be an integer/);
    expect(() => readSettings('demo', { rate: 1 }, specs)).toThrow(/rate .* must be < 1, got 1/);
    expect(() => readSettings('demo', { rate: 0 }, specs)).toThrow(/rate .* must be > 0, got 0/);
    expect(() => readSettings('demo', { size: Number.NaN }, specs)).toThrow(/size/);
    expect(() => readSettings('none', { any: 1 }, {})).toThrow('none store: unknown setting "any" (known settings: none)');
  });
});
