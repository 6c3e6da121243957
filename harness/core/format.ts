/**
 * Formatting at the edges: the harness keeps integers of nanoseconds, bytes
 * and plain ratios; only renderers turn them into text. Output is
 * locale-independent so reports and tests are reproducible.
 */

/** Shown wherever a value is missing (null, NaN, infinite). */
export const MISSING = '—';

function isNumber(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Three significant digits, trailing zeros after the point dropped: 1.23, 12.3, 123, 2.1. */
function sig3(x: number): string {
  const decimals = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  const s = x.toFixed(decimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

interface Unit {
  readonly factor: number;
  readonly suffix: string;
  /** Digits for this unit; defaults to the scale's digits. */
  readonly digits?: (x: number) => string;
}

/**
 * Uses the smallest unit in which the value, *after rounding*, stays below the
 * next unit, so 999.6 µs reads "1 ms", not "1000 µs", and 999.4 µs "999 µs".
 */
function scaled(value: number, units: readonly Unit[], digits: (x: number) => string): string {
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const next = units[i + 1];
    const text = (unit.digits ?? digits)(value / unit.factor);
    if (next === undefined || Math.abs(Number(text)) < next.factor / unit.factor) {
      return `${text}${unit.suffix}`;
    }
  }
  throw new Error('unreachable: the last unit always matches');
}

const whole = (x: number): string => String(Math.round(x));

const TIME_UNITS: readonly Unit[] = [
  { factor: 1, suffix: ' ns', digits: whole },
  { factor: 1e3, suffix: ' µs' },
  { factor: 1e6, suffix: ' ms' },
  { factor: 1e9, suffix: ' s' },
];

/** 456 -> "456 ns", 1234 -> "1.23 µs", 2_100_000 -> "2.1 ms". Below 1 µs whole nanoseconds. */
export function formatNs(ns: number | null | undefined): string {
  if (!isNumber(ns)) return MISSING;
  return scaled(ns, TIME_UNITS, sig3);
}

/** Milliseconds (GC pauses, phase times), same scale as formatNs. */
export function formatMs(ms: number | null | undefined): string {
  if (!isNumber(ms)) return MISSING;
  return formatNs(ms * 1e6);
}

const RATE_UNITS: readonly Unit[] = [
  { factor: 1, suffix: '' },
  { factor: 1e3, suffix: 'k' },
  { factor: 1e6, suffix: 'M' },
  { factor: 1e9, suffix: 'G' },
];

const oneDecimal = (x: number): string => x.toFixed(1);

/** 123_400 -> "123.4k ops/s", 1_234_567 -> "1.2M ops/s", 42 -> "42.0 ops/s". */
export function formatOpsPerSec(opsPerSec: number | null | undefined): string {
  if (!isNumber(opsPerSec)) return MISSING;
  return `${formatRate(opsPerSec)} ops/s`;
}

/** The number part of formatOpsPerSec: "123.4k". */
export function formatRate(perSec: number | null | undefined): string {
  if (!isNumber(perSec)) return MISSING;
  return scaled(perSec, RATE_UNITS, oneDecimal);
}

const BYTE_UNITS: readonly Unit[] = [
  { factor: 1, suffix: ' B', digits: whole },
  { factor: 1024, suffix: ' KiB' },
  { factor: 1024 ** 2, suffix: ' MiB' },
  { factor: 1024 ** 3, suffix: ' GiB' },
  { factor: 1024 ** 4, suffix: ' TiB' },
];

/** IEC units: 512 -> "512 B", 12.3 * 2^20 -> "12.3 MiB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (!isNumber(bytes)) return MISSING;
  return scaled(bytes, BYTE_UNITS, oneDecimal);
}

/** A fraction (0..1) as a percentage: 0.123 -> "12.3%". */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  if (!isNumber(fraction)) return MISSING;
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/** A ratio such as a speedup: 0.85 -> "0.85×", 1 -> "1.00×", 12.34 -> "12.3×", 123.4 -> "123×". */
export function formatRatio(ratio: number | null | undefined): string {
  if (!isNumber(ratio)) return MISSING;
  const abs = Math.abs(ratio);
  const decimals = abs >= 99.95 ? 0 : abs >= 9.995 ? 1 : 2;
  return `${ratio.toFixed(decimals)}×`;
}

/** A count with thousands separators: 1234567 -> "1,234,567". */
export function formatCount(n: number | null | undefined): string {
  if (!isNumber(n)) return MISSING;
  const [intPart, fraction] = String(Math.abs(n)).split('.');
  const grouped = (intPart ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** An ISO timestamp as "2025-01-31 14:05:09 UTC"; other strings are returned unchanged. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return MISSING;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A confidence interval as "low – high" in the given format; MISSING without one (fewer than 2 samples). */
export function formatInterval(interval: { readonly low: number; readonly high: number } | null | undefined, format: (x: number) => string): string {
  return interval ? `${format(interval.low)} – ${format(interval.high)}` : MISSING;
}

/** An interval with its coverage, for tables whose rows may differ in it: "19.8k – 20.2k (97%)". */
export function formatIntervalWithCoverage(
  interval: { readonly low: number; readonly high: number; readonly confidence: number } | null | undefined,
  format: (x: number) => string,
): string {
  return interval ? `${formatInterval(interval, format)} (${Math.round(interval.confidence * 100)}%)` : MISSING;
}

/**
 * A number with an explicit sign, for changes: -23.44 -> "−23.4" (U+2212
 * MINUS SIGN), 5 -> "+5.0"; a value that rounds to zero has no sign ("0.0").
 */
export function formatSigned(x: number | null | undefined, decimals = 1): string {
  if (!isNumber(x)) return MISSING;
  const text = Math.abs(x).toFixed(decimals);
  if (Number(text) === 0) return text;
  return `${x < 0 ? '−' : '+'}${text}`;
}

/** A relative change as a signed percentage: -0.234 -> "−23.4%", 0.05 -> "+5.0%". */
export function formatSignedPercent(fraction: number | null | undefined, decimals = 1): string {
  if (!isNumber(fraction)) return MISSING;
  return `${formatSigned(fraction * 100, decimals)}%`;
}

/** A p-value: three decimals from 0.01 up, else two significant digits: 0.0079365 -> "0.0079", 0.1 -> "0.1", 1 -> "1". */
export function formatPValue(p: number | null | undefined): string {
  if (!isNumber(p)) return MISSING;
  return p >= 0.01 ? String(Number(p.toFixed(3))) : String(Number(p.toPrecision(2)));
}

/** A value in one of the units results carry ('ops/s', 'ns', 'ms', 'bytes'); any other unit as a plain number with it. */
export function formatInUnit(value: number | null | undefined, unit: string | null): string {
  if (!isNumber(value)) return MISSING;
  switch (unit) {
    case 'ops/s':
      return formatOpsPerSec(value);
    case 'ns':
      return formatNs(value);
    case 'ms':
      return formatMs(value);
    case 'bytes':
      return formatBytes(value);
    default:
      return `${Number(value.toPrecision(4))}${unit === null ? '' : ` ${unit}`}`;
  }
}
