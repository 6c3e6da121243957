/**
 * A Bloom filter over string keys (Bloom 1970): a bit array and k hash
 * positions per key. It can say "definitely absent" (some bit is clear) or
 * "maybe present"; it never forgets a key it was given, so a false answer is
 * always right. Deletes cannot clear bits (they may be shared); a deleted key
 * only makes the filter answer "maybe" for it, which costs a lookup, never a
 * wrong result.
 *
 * Sizing, for n expected keys and false-positive rate p:
 *   m = -n ln p / (ln 2)^2 bits,  k = (m / n) ln 2 hash functions,
 * which is the optimum (e.g. p = 1% gives 9.6 bits per key and k = 7).
 *
 * The k positions come from two 32-bit hashes by double hashing,
 * g_i(x) = h1(x) + i * h2(x) mod m, which keeps the false-positive rate of k
 * independent hashes (Kirsch & Mitzenmacher, "Less Hashing, Same
 * Performance", 2006). h1 is FNV-1a and h2 a multiply-xorshift hash, both
 * over the key's UTF-16 code units (hashing the string directly avoids
 * encoding it to UTF-8 on every lookup) and both finished with MurmurHash3's
 * fmix32 avalanche so that every output bit depends on every input bit.
 */
import { fmix32 } from '../../lib/hashing.ts';

export class BloomFilter {
  readonly #bits: Uint32Array;

  /**
   * @param bitCount size of the bit array (rounded up to a multiple of 32)
   * @param hashCount positions set per key
   */
  constructor(
    bitCount: number,
    readonly hashCount: number,
  ) {
    if (!Number.isInteger(bitCount) || bitCount < 1) throw new RangeError(`bloom filter: bitCount must be a positive integer, got ${bitCount}`);
    if (!Number.isInteger(hashCount) || hashCount < 1) throw new RangeError(`bloom filter: hashCount must be a positive integer, got ${hashCount}`);
    // 2^32 bits would overflow the 32-bit index arithmetic below (and be 512 MiB).
    if (bitCount > 2 ** 32 - 32) throw new RangeError(`bloom filter: bitCount must be below 2^32, got ${bitCount}`);
    this.#bits = new Uint32Array(Math.ceil(bitCount / 32));
  }

  /** A filter sized for `expectedItems` keys at `falsePositiveRate` (0 < p < 1). */
  static forCapacity(expectedItems: number, falsePositiveRate: number): BloomFilter {
    if (!(expectedItems >= 1)) throw new RangeError(`bloom filter: expectedItems must be >= 1, got ${expectedItems}`);
    if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
      throw new RangeError(`bloom filter: falsePositiveRate must be in (0, 1), got ${falsePositiveRate}`);
    }
    const bits = Math.ceil((-expectedItems * Math.log(falsePositiveRate)) / (Math.LN2 * Math.LN2));
    const hashes = Math.max(1, Math.round((bits / expectedItems) * Math.LN2));
    return new BloomFilter(bits, hashes);
  }

  /** Bits in the array (a multiple of 32). */
  get bitCount(): number {
    return this.#bits.length * 32;
  }

  /** Adds `key`. Returns true when some bit was newly set, i.e. the key was certainly not in the filter before. */
  add(key: string): boolean {
    const m = this.bitCount;
    hashPair(key);
    const h1 = pair[0];
    const h2 = pair[1];
    let changed = false;
    for (let i = 0; i < this.hashCount; i++) {
      const bit = ((h1 + Math.imul(i, h2)) >>> 0) % m;
      const word = bit >>> 5;
      const mask = 1 << (bit & 31);
      const old = this.#bits[word]!;
      if ((old & mask) === 0) {
        this.#bits[word] = old | mask;
        changed = true;
      }
    }
    return changed;
  }

  /** False: `key` was never added. True: it probably was. */
  mightContain(key: string): boolean {
    const m = this.bitCount;
    hashPair(key);
    const h1 = pair[0];
    const h2 = pair[1];
    for (let i = 0; i < this.hashCount; i++) {
      const bit = ((h1 + Math.imul(i, h2)) >>> 0) % m;
      if ((this.#bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

// hashPair's result, reused so a lookup allocates nothing.
const pair: [number, number] = [0, 0];

/** Writes h1 and h2 of `key` into `pair`. */
function hashPair(key: string): void {
  let h1 = 0x811c9dc5; // FNV-1a 32-bit offset basis
  let h2 = 0x9747b28c; // arbitrary seed
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193); // FNV prime
    h2 = Math.imul(h2 ^ c, 0x5bd1e995); // MurmurHash2's multiplier
    h2 ^= h2 >>> 15;
  }
  pair[0] = fmix32(h1);
  // Odd, so the probe sequence h1 + i*h2 does not collapse when h2 shares factors with m.
  pair[1] = (fmix32(h2 ^ key.length) | 1) >>> 0;
}
