import { describe, expect, it } from 'vitest';
import { readSettings } from '../../lib/settings.ts';

const specs = {
  size: { default: 10, min: 1, integer: true, meaning: 'things' },
  rate: { default: 0.5, min: 0, max: 1, minExclusive: true, maxExclusive: true, integer: false, meaning: 'a rate' },
};

describe('readSettings', () => {
  it('fills in defaults and keeps given values', () => {
    expect(readSettings('demo store', undefined, specs)).toEqual({ size: 10, rate: 0.5 });
    expect(readSettings('demo store', { size: 3 }, specs)).toEqual({ size: 3, rate: 0.5 });
  });

  it('names the variant, the setting and what it accepts', () => {
    expect(() => readSettings('demo store', { sise: 3 }, specs)).toThrow('demo store: unknown setting "sise" (known settings: size, rate)');
    expect(() => readSettings('demo store', { size: 0 }, specs)).toThrow('demo store: setting size (things) must be >= 1, got 0');
    expect(() => readSettings('demo store', { size: 2.5 }, specs)).toThrow(/size .* must be an integer/);
    expect(() => readSettings('demo store', { rate: 1 }, specs)).toThrow(/rate .* must be < 1, got 1/);
    expect(() => readSettings('demo store', { rate: 0 }, specs)).toThrow(/rate .* must be > 0, got 0/);
    expect(() => readSettings('demo store', { size: Number.NaN }, specs)).toThrow(/size/);
    expect(() => readSettings('none store', { any: 1 }, {})).toThrow('none store: unknown setting "any" (known settings: none)');
  });

  it('tells a whole number between two inclusive bounds as its range, whatever it breaks', () => {
    const workers = { workers: { default: 4, min: 1, max: 64, integer: true, meaning: 'worker threads' } };
    const message = 'demo balance pipeline: setting workers (worker threads) must be an integer in [1, 64], got';
    expect(() => readSettings('demo balance pipeline', { workers: 65 }, workers)).toThrow(`${message} 65`);
    expect(() => readSettings('demo balance pipeline', { workers: 0 }, workers)).toThrow(`${message} 0`);
    expect(() => readSettings('demo balance pipeline', { workers: 1.5 }, workers)).toThrow(`${message} 1.5`);
    expect(readSettings('demo balance pipeline', { workers: 64 }, workers)).toEqual({ workers: 64 });
  });
});
