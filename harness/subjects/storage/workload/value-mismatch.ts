/**
 * How a store's answer differs from the expected value, in words for an
 * error message: the verification before timing (verify.ts) and after it
 * (verify-after.ts) word their disagreements alike.
 */

/** undefined when `actual` is exactly `expected` (byte-exact, or both absent). */
export function describeMismatch(expected: Uint8Array | undefined, actual: unknown): string | undefined {
  if (expected === undefined) {
    return actual === undefined ? undefined : `expected undefined (absent), got ${describeAnswer(actual)}`;
  }
  if (!(actual instanceof Uint8Array)) {
    return `expected ${expected.length} bytes, got ${describeAnswer(actual)}`;
  }
  if (actual.length !== expected.length) {
    return `expected ${expected.length} bytes, got ${actual.length} bytes`;
  }
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) {
      return `byte ${i} of ${expected.length} differs: expected ${hex(expected[i]!)}, got ${hex(actual[i]!)}`;
    }
  }
  return undefined;
}

/** What a store answered, in a few words. */
export function describeAnswer(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value)})`;
  return `${typeof value} ${String(value)}`;
}

const SHOWN_BYTES = 8;

/** A value abbreviated for a message: `absent`, or its length and first bytes in hex (`256 bytes 3fa10c2d…`). */
export function abbreviateValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (!(value instanceof Uint8Array)) return describeAnswer(value);
  const head = Array.from(value.subarray(0, SHOWN_BYTES), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${value.length} bytes ${head}${value.length > SHOWN_BYTES ? '…' : ''}`;
}

/**
 * `expected …, got …` with both values abbreviated, and where two values of
 * one length first differ; undefined when they agree.
 */
export function describeDifference(expected: Uint8Array | undefined, actual: unknown): string | undefined {
  if (describeMismatch(expected, actual) === undefined) return undefined;
  let where = '';
  if (expected !== undefined && actual instanceof Uint8Array && actual.length === expected.length) {
    const at = expected.findIndex((byte, i) => actual[i] !== byte);
    where = ` (first difference at byte ${at})`;
  }
  return `expected ${abbreviateValue(expected)}, got ${abbreviateValue(actual)}${where}`;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}
