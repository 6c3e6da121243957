/**
 * MurmurHash3's 32-bit finaliser (Austin Appleby, MurmurHash3.cpp, `fmix32`),
 * the one integer mixer the project uses: SplitMix32's output function
 * (prng.ts), the harness's seeded offsets, record values and calibration
 * checksum, and the Bloom filters' hashes in the variants.
 *
 * A bijection on uint32 with full avalanche: every output bit depends on
 * every input bit, and distinct inputs give distinct outputs (fmix32(0) = 0).
 * Only `Math.imul` and shifts, so V8 keeps it in 32-bit registers and inlines
 * it into hot loops.
 */
export function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
