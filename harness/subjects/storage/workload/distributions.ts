/**
 * Request distributions over a fixed key space, after YCSB's generators
 * (site.ycsb.generator.*: UniformLongGenerator, CounterGenerator,
 * ZipfianGenerator, ScrambledZipfianGenerator, SkewedLatestGenerator).
 * A chooser returns item indices in [0, itemCount); keys.ts turns them into keys.
 */
import type { KeyDistribution } from '../scenario.ts';
import { Prng } from '../../../../lib/prng.ts';

export interface KeyChooser {
  /** The next item index, in [0, itemCount). */
  next(): number;
}

/** The largest item count a chooser accepts: indices must fit the trace's Uint32Array. */
const MAX_ITEM_COUNT = 0x1_0000_0000;

/**
 * `prng` draws the keys. `popularity`, when given, decides which items are hot
 * under a scrambled zipfian: key popularity is a property of the dataset, so
 * two traces over the same dataset (warmup and measured phase) must share it
 * while drawing different sequences. Without it, the permutation is seeded
 * from `prng`'s first draw.
 */
export function createKeyChooser(distribution: KeyDistribution, itemCount: number, prng: Prng, popularity?: Prng): KeyChooser {
  if (!Number.isInteger(itemCount) || itemCount < 1 || itemCount > MAX_ITEM_COUNT) {
    throw new RangeError(`key distribution: itemCount must be an integer in [1, 2^32], got ${String(itemCount)}`);
  }
  switch (distribution.kind) {
    case 'uniform':
      return { next: () => prng.nextInt(itemCount) };
    case 'sequential':
      return sequentialChooser(itemCount);
    case 'zipfian': {
      const zipfian = new ZipfianRanks(itemCount, checkConstant(distribution.constant, 'zipfian'), prng);
      if (!distribution.scrambled) return { next: () => zipfian.next() };
      // Without `popularity`, the permutation's seed is the given prng's first
      // draw and the zipfian ranks come from the draws after it.
      const permutation = randomPermutation(itemCount, popularity ?? new Prng(prng.nextUint32()));
      return { next: () => permutation[zipfian.next()]! };
    }
    case 'latest': {
      // YCSB's SkewedLatestGenerator returns `lastInserted - zipfian(lastInserted)`:
      // rank 0 is the newest record. Our key space is fixed after loading,
      // so the newest record is the highest index.
      const zipfian = new ZipfianRanks(itemCount, checkConstant(distribution.constant, 'latest'), prng);
      const last = itemCount - 1;
      return { next: () => last - zipfian.next() };
    }
    default: {
      const unknown: never = distribution;
      throw new RangeError(`key distribution: unknown kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
    }
  }
}

function sequentialChooser(itemCount: number): KeyChooser {
  // YCSB's CounterGenerator, wrapping at the end of the key space so a trace
  // longer than the dataset keeps cycling over it.
  let nextIndex = 0;
  return {
    next: () => {
      const index = nextIndex;
      nextIndex = index + 1 === itemCount ? 0 : index + 1;
      return index;
    },
  };
}

function checkConstant(constant: number, kind: string): number {
  // Gray et al.'s formula uses alpha = 1 / (1 - theta): theta = 1 divides by
  // zero, and theta > 1 makes eta's base negative for some u. YCSB's default is 0.99.
  if (typeof constant !== 'number' || !(constant > 0 && constant < 1)) {
    throw new RangeError(
      `key distribution ${kind}: constant must be a number with 0 < constant < 1 (YCSB uses 0.99), got ${String(constant)}`,
    );
  }
  return constant;
}

/** zeta(n, theta) = sum_{i=1..n} 1 / i^theta, the zipfian normalising constant. */
function zeta(n: number, theta: number): number {
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += 1 / Math.pow(i, theta);
  return sum;
}

/**
 * Zipfian ranks in [0, n): rank r is drawn with probability proportional to
 * 1 / (r + 1)^theta, so rank 0 is the most popular.
 *
 * The algorithm is Gray, Sundaresan, Englert, Baclawski & Weinberger,
 * "Quickly Generating Billion-Record Synthetic Databases" (SIGMOD 1994),
 * exactly as YCSB's ZipfianGenerator.nextLong implements it: ranks 0 and 1
 * get their exact probabilities 1/zeta(n) and 0.5^theta/zeta(n), the rest
 * come from a closed-form approximation of the inverse CDF. zeta(n) is O(n),
 * computed once per chooser (tens of milliseconds for n = 10^6).
 */
class ZipfianRanks {
  private readonly n: number;
  private readonly theta: number;
  private readonly zetaN: number;
  private readonly alpha: number;
  private readonly eta: number;
  private readonly rank1Bound: number;
  private readonly prng: Prng;

  constructor(n: number, theta: number, prng: Prng) {
    this.n = n;
    this.theta = theta;
    this.prng = prng;
    this.zetaN = zeta(n, theta);
    const zeta2 = zeta(2, theta);
    this.alpha = 1 / (1 - theta);
    // For n <= 2, eta is never used (u * zetaN < 1 + 0.5^theta always), and
    // for n = 2 its denominator is zero; keep it finite.
    this.eta = n > 2 ? (1 - Math.pow(2 / n, 1 - theta)) / (1 - zeta2 / this.zetaN) : 0;
    this.rank1Bound = 1 + Math.pow(0.5, this.theta);
  }

  next(): number {
    const u = this.prng.nextFloat();
    const uz = u * this.zetaN;
    if (uz < 1) return 0;
    if (uz < this.rank1Bound) return 1;
    const rank = Math.floor(this.n * Math.pow(this.eta * u - this.eta + 1, this.alpha));
    // eta * u - eta + 1 < 1 for u < 1, so rank < n; the clamp guards rounding only.
    return rank < this.n ? rank : this.n - 1;
  }
}

/**
 * A uniformly random permutation of [0, n) (Fisher-Yates / Durstenfeld,
 * Knuth TAOCP vol. 2, Algorithm P). YCSB's ScrambledZipfianGenerator instead
 * hashes the rank with FNV-64 modulo the item count, which collides: some
 * keys get the popularity of two ranks and others none. A permutation keeps
 * the zipfian frequencies exactly, only moved to scattered indices.
 */
function randomPermutation(n: number, prng: Prng): Uint32Array {
  const permutation = new Uint32Array(n);
  for (let i = 0; i < n; i++) permutation[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = prng.nextInt(i + 1);
    const swap = permutation[i]!;
    permutation[i] = permutation[j]!;
    permutation[j] = swap;
  }
  return permutation;
}
