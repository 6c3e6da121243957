/**
 * Record keys. Fixed width, zero-padded decimal, so byte order (the order a
 * Store's scan returns) equals numeric order, like YCSB's keys with
 * `insertorder=ordered` and `zeropadding`.
 */
export const KEY_PREFIX = 'key:';

/** Digits after the prefix: enough for any index a Uint32Array trace can hold. */
const KEY_DIGITS = 10;
const MAX_INDEX = 9_999_999_999;

/** keyOf(42) === 'key:0000000042'. */
export function keyOf(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) {
    throw new RangeError(`keyOf: index must be an integer in [0, ${MAX_INDEX}], got ${String(index)}`);
  }
  return KEY_PREFIX + String(index).padStart(KEY_DIGITS, '0');
}
