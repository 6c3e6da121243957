/**
 * The harness's only source of randomness: xoshiro128** (Blackman & Vigna,
 * "Scrambled Linear Pseudorandom Number Generators", ACM TOMS 2021;
 * reference code at https://prng.di.unimi.it/xoshiro128starstar.c), seeded
 * through SplitMix32 (Steele, Lea & Flood, "Fast Splittable Pseudorandom
 * Number Generators", OOPSLA 2014, with MurmurHash3's fmix32 finaliser),
 * as Vigna recommends for filling xoshiro's state.
 *
 * Why this one: 128 bits of state, period 2^128 - 1, passes BigCrush, and
 * needs only 32-bit integer operations (`Math.imul`, shifts), which V8 keeps
 * in registers — a Math.random()-free generator whose sequence depends on the
 * seed alone, so every variant sees the same dataset and op trace.
 */

import { fmix32 } from './hashing.ts';

const UINT32_RANGE = 0x1_0000_0000; // 2^32
const GOLDEN_GAMMA_32 = 0x9e3779b9; // 2^32 / golden ratio, SplitMix's increment

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** `seed`: any safe integer (negative and > 2^32 included); equal seeds give equal sequences. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`Prng seed must be a safe integer, got ${String(seed)}`);
    }
    // Fold the high bits of a 53-bit seed into the low word so seeds that
    // differ only above bit 31 still give different streams.
    const low = seed >>> 0;
    const high = Math.floor(seed / UINT32_RANGE) >>> 0;
    let state = (low ^ fmix32(high + GOLDEN_GAMMA_32)) >>> 0;
    const next = (): number => {
      state = (state + GOLDEN_GAMMA_32) >>> 0;
      return fmix32(state);
    };
    // fmix32 is a bijection and the four inputs differ, so the four words are
    // distinct and cannot all be zero (xoshiro's one forbidden state).
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * Uniform double in [0, 1) with 53 random bits: 27 bits from one draw and
   * 26 from the next, the construction of Java's `Random.nextDouble`.
   */
  nextFloat(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67_108_864 + low) / 9_007_199_254_740_992; // (high * 2^26 + low) / 2^53
  }

  /**
   * Uniform integer in [0, bound), 1 <= bound <= 2^32, without modulo bias:
   * draws below 2^32 mod bound are rejected so every residue has the same
   * number of preimages (the method of OpenBSD's arc4random_uniform).
   * At most half of the draws are rejected, in practice almost none.
   */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > UINT32_RANGE) {
      throw new RangeError(`nextInt bound must be an integer in [1, 2^32], got ${String(bound)}`);
    }
    const threshold = UINT32_RANGE % bound;
    for (;;) {
      const r = this.nextUint32();
      if (r >= threshold) return r % bound;
    }
  }

  /** Fills `target` with random bytes, four per draw, little-endian. */
  fillBytes(target: Uint8Array): void {
    const length = target.length;
    const whole = length & ~3;
    let i = 0;
    while (i < whole) {
      const r = this.nextUint32();
      target[i] = r;
      target[i + 1] = r >>> 8;
      target[i + 2] = r >>> 16;
      target[i + 3] = r >>> 24;
      i += 4;
    }
    if (i < length) {
      let r = this.nextUint32();
      while (i < length) {
        target[i++] = r;
        r >>>= 8;
      }
    }
  }
}
