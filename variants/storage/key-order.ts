/**
 * Key order and scan bounds.
 *
 * SQLite's BINARY collation compares TEXT with memcmp over its UTF-8 bytes,
 * and UTF-8 byte order equals Unicode code point order. JavaScript's `<`
 * compares UTF-16 code units, which disagrees for code points U+E000..U+FFFF
 * versus supplementary ones (encoded as surrogates U+D800..U+DFFF): UTF-16
 * puts U+FFFF after U+1F600, UTF-8 before. Whatever merges in-memory writes
 * with SQLite rows must use the same order as SQLite, hence `compareKeys`.
 *
 * Keys are expected to be well-formed Unicode: SQLite stores a lone surrogate
 * as U+FFFD, so such a key would not read back as itself.
 */
import type { ScanOptions } from './store.ts';

/** Orders keys by their UTF-8 bytes (= code points), like SQLite's BINARY collation. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // The code-point-order fix-up from ICU's u_strCompare(codePointOrder):
      // move surrogates above U+E000..U+FFFF. Only needed when both units are
      // >= U+D800; below that UTF-16 and code point order agree.
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/**
 * The smallest string greater than every string that starts with `prefix`,
 * or undefined when no such bound exists (empty prefix, or a prefix made only
 * of U+10FFFF). Keys with the prefix are exactly those in [prefix, bound).
 *
 * Works on code points, so the bound is valid UTF-16 and can be bound as
 * TEXT: increment the last code point (skipping the surrogate block, which no
 * well-formed key contains), dropping trailing U+10FFFF first. This is why
 * prefix scans need no LIKE (whose % and _ would need escaping and which
 * ignores case for ASCII by default).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return codePoints.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}

/**
 * A scan as a half-open key interval plus a limit, which is what both SQLite
 * and the in-memory overlays evaluate. `upper` undefined means unbounded.
 */
export interface KeyRange {
  readonly lower: string;
  readonly upper: string | undefined;
  /** Maximum entries to return; undefined means all. */
  readonly limit: number | undefined;
}

/**
 * Turns ScanOptions into a KeyRange, or null when the scan is empty by
 * construction (limit 0, or bounds that cross). `prefix` combined with
 * `start`/`end` means the intersection of both.
 */
export function toKeyRange(options: ScanOptions): KeyRange | null {
  const { prefix, start, end, limit } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`scan: limit must be a non-negative integer, got ${String(limit)}`);
  }
  for (const [name, value] of [['prefix', prefix], ['start', start], ['end', end]] as const) {
    if (value !== undefined && typeof value !== 'string') {
      throw new TypeError(`scan: ${name} must be a string, got ${typeof value}`);
    }
  }
  let lower = start ?? '';
  let upper = end;
  if (prefix !== undefined) {
    if (compareKeys(prefix, lower) > 0) lower = prefix;
    const prefixUpper = prefixUpperBound(prefix);
    if (prefixUpper !== undefined && (upper === undefined || compareKeys(prefixUpper, upper) < 0)) upper = prefixUpper;
  }
  if (limit === 0) return null;
  if (upper !== undefined && compareKeys(lower, upper) >= 0) return null;
  return { lower, upper, limit };
}

/** True when `key` lies inside [range.lower, range.upper). */
export function inKeyRange(key: string, range: KeyRange): boolean {
  return compareKeys(key, range.lower) >= 0 && (range.upper === undefined || compareKeys(key, range.upper) < 0);
}
