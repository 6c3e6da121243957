/**
 * The loaded records' values: bytes determined by (seed, index) alone, so
 * verification can recompute any record without keeping the dataset in memory.
 */
import { fmix32 } from '../../../../lib/hashing.ts';

const UINT32_RANGE = 0x1_0000_0000;
const GOLDEN_GAMMA_32 = 0x9e3779b9;

/**
 * `valueBytes` deterministic bytes for record `index`. A SplitMix32 stream
 * (counter plus fmix32) written inline rather than a Prng object per call,
 * because loading calls this once per record. Distinct indices below 2^32
 * start from distinct states (fmix32 is a bijection), so two records' values
 * differ in their first four bytes and a store that returns the wrong
 * record's value is caught.
 */
export function recordValue(seed: number, index: number, valueBytes: number): Uint8Array {
  if (!Number.isInteger(valueBytes) || valueBytes < 0) {
    throw new RangeError(`recordValue: valueBytes must be a non-negative integer, got ${String(valueBytes)}`);
  }
  if (!Number.isInteger(index) || index < 0 || index >= UINT32_RANGE) {
    throw new RangeError(`recordValue: index must be an integer in [0, 2^32), got ${String(index)}`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`recordValue: seed must be a safe integer, got ${String(seed)}`);
  }
  const seedMix = fmix32((seed >>> 0) ^ fmix32((Math.floor(seed / UINT32_RANGE) >>> 0) + GOLDEN_GAMMA_32));
  let state = fmix32(index ^ seedMix);
  const value = new Uint8Array(valueBytes);
  const whole = valueBytes & ~3;
  let i = 0;
  while (i < whole) {
    state = (state + GOLDEN_GAMMA_32) | 0;
    const r = fmix32(state);
    value[i] = r;
    value[i + 1] = r >>> 8;
    value[i + 2] = r >>> 16;
    value[i + 3] = r >>> 24;
    i += 4;
  }
  if (i < valueBytes) {
    state = (state + GOLDEN_GAMMA_32) | 0;
    let r = fmix32(state);
    while (i < valueBytes) {
      value[i++] = r;
      r >>>= 8;
    }
  }
  return value;
}
