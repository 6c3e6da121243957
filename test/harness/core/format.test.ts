import { describe, expect, it } from 'vitest';
import {
  MISSING,
  formatBytes,
  formatCount,
  formatInUnit,
  formatInterval,
  formatMs,
  formatNs,
  formatOpsPerSec,
  formatPValue,
  formatPercent,
  formatRate,
  formatRatio,
  formatSigned,
  formatSignedPercent,
  formatTimestamp,
} from '../../../harness/core/format.ts';

describe('formatNs', () => {
  it.each([
    [0, '0 ns'],
    [456, '456 ns'],
    [999.4, '999 ns'],
    [999.6, '1 µs'],
    [1_000, '1 µs'],
    [1_234, '1.23 µs'],
    [12_345, '12.3 µs'],
    [123_456, '123 µs'],
    [999_400, '999 µs'],
    [999_600, '1 ms'],
    [2_100_000, '2.1 ms'],
    [2_345_678, '2.35 ms'],
    [1_500_000_000, '1.5 s'],
    [12_000_000_000, '12 s'],
  ])('%d ns -> %s', (ns, text) => {
    expect(formatNs(ns)).toBe(text);
  });

  it('shows missing values as a dash', () => {
    expect(formatNs(null)).toBe(MISSING);
    expect(formatNs(undefined)).toBe(MISSING);
    expect(formatNs(Number.NaN)).toBe(MISSING);
    expect(formatNs(Number.POSITIVE_INFINITY)).toBe(MISSING);
  });
});

describe('formatMs', () => {
  it('formats milliseconds on the nanosecond scale', () => {
    expect(formatMs(5.2)).toBe('5.2 ms');
    expect(formatMs(0.25)).toBe('250 µs');
    expect(formatMs(60_000)).toBe('60 s');
    expect(formatMs(null)).toBe(MISSING);
  });
});

describe('formatOpsPerSec', () => {
  it.each([
    [0, '0.0 ops/s'],
    [42, '42.0 ops/s'],
    [999.9, '999.9 ops/s'],
    [999.96, '1.0k ops/s'],
    [123_400, '123.4k ops/s'],
    [1_234_567, '1.2M ops/s'],
    [2_500_000_000, '2.5G ops/s'],
  ])('%d -> %s', (rate, text) => {
    expect(formatOpsPerSec(rate)).toBe(text);
  });

  it('formatRate is the number part', () => {
    expect(formatRate(20_700)).toBe('20.7k');
    expect(formatRate(null)).toBe(MISSING);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [1023.6, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [12.3 * 1024 ** 2, '12.3 MiB'],
    [8 * 1024 ** 3, '8.0 GiB'],
    [2 * 1024 ** 4, '2.0 TiB'],
  ])('%d -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatPercent, formatRatio, formatCount, formatTimestamp', () => {
  it('formats fractions as percentages', () => {
    expect(formatPercent(0.123)).toBe('12.3%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0.5, 0)).toBe('50%');
    expect(formatPercent(null)).toBe(MISSING);
  });

  it('formats ratios with the multiplication sign', () => {
    expect(formatRatio(0.85)).toBe('0.85×');
    expect(formatRatio(1)).toBe('1.00×');
    expect(formatRatio(9.994)).toBe('9.99×');
    expect(formatRatio(9.996)).toBe('10.0×');
    expect(formatRatio(12.34)).toBe('12.3×');
    expect(formatRatio(123.4)).toBe('123×');
    expect(formatRatio(Number.NaN)).toBe(MISSING);
  });

  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(-45_000)).toBe('-45,000');
    expect(formatCount(1234.5)).toBe('1,234.5');
  });

  it('prints ISO timestamps in UTC and leaves other strings alone', () => {
    expect(formatTimestamp('2025-01-31T14:05:09.123Z')).toBe('2025-01-31 14:05:09 UTC');
    expect(formatTimestamp('2025-01-31T15:05:09+01:00')).toBe('2025-01-31 14:05:09 UTC');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
    expect(formatTimestamp(null)).toBe(MISSING);
  });
});

describe('formatInterval', () => {
  it('formats both ends, or MISSING without an interval', () => {
    expect(formatInterval({ low: 199, high: 212 }, formatMs)).toBe('199 ms – 212 ms');
    expect(formatInterval(null, formatMs)).toBe(MISSING);
  });
});

describe('formatSigned and formatSignedPercent', () => {
  it.each([
    [-23.44, '−23.4'],
    [5, '+5.0'],
    [0, '0.0'],
    [-0.04, '0.0'],
    [0.04, '0.0'],
  ])('%s -> %s', (x, text) => {
    expect(formatSigned(x)).toBe(text);
  });

  it('writes a fraction as a signed percentage, with a real minus sign', () => {
    expect(formatSignedPercent(-0.234)).toBe('−23.4%');
    expect(formatSignedPercent(0.05, 0)).toBe('+5%');
    expect(formatSignedPercent(null)).toBe(MISSING);
    expect(formatSigned(Number.NaN)).toBe(MISSING);
  });
});

describe('formatPValue', () => {
  it.each([
    [2 / 252, '0.0079'],
    [0.005, '0.005'],
    [0.1, '0.1'],
    [0.04321, '0.043'],
    [1, '1'],
  ])('%s -> %s', (p, text) => {
    expect(formatPValue(p)).toBe(text);
  });

  it('shows a missing p as missing', () => {
    expect(formatPValue(null)).toBe(MISSING);
  });
});

describe('formatInUnit', () => {
  it.each([
    [123_400, 'ops/s', '123.4k ops/s'],
    [2_100_000, 'ns', '2.1 ms'],
    [12, 'ms', '12 ms'],
    [12.3 * 1024 * 1024, 'bytes', '12.3 MiB'],
    [0.123456, 'ratio', '0.1235 ratio'],
    [42, null, '42'],
  ])('%s %s -> %s', (value, unit, text) => {
    expect(formatInUnit(value, unit)).toBe(text);
  });

  it('shows a missing value as missing', () => {
    expect(formatInUnit(null, 'ns')).toBe(MISSING);
  });
});
