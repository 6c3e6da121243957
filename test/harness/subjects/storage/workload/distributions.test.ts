import { describe, expect, it } from 'vitest';
import { createKeyChooser, type KeyChooser } from '../../../../../harness/subjects/storage/workload/distributions.ts';
import { Prng } from '../../../../../lib/prng.ts';
import type { KeyDistribution } from '../../../../../harness/subjects/storage/scenario.ts';
import { CHI_SQUARE_999, chiSquareUniform } from './chi-square.ts';

const THETA = 0.99; // YCSB's default zipfian constant

/** Counts per index of `draws` draws; throws on an index outside [0, itemCount). */
function frequencies(chooser: KeyChooser, itemCount: number, draws: number): number[] {
  const counts = new Array<number>(itemCount).fill(0);
  for (let i = 0; i < draws; i++) {
    const index = chooser.next();
    if (!(Number.isInteger(index) && index >= 0 && index < itemCount)) {
      throw new Error(`draw ${i}: index ${index} outside [0, ${itemCount})`);
    }
    counts[index]!++;
  }
  return counts;
}

/** Computed here independently of the implementation: sum_{i=1..n} i^-theta. */
function zeta(n: number, theta: number): number {
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += i ** -theta;
  return sum;
}

function zipfian(scrambled: boolean): KeyDistribution {
  return { kind: 'zipfian', constant: THETA, scrambled };
}

describe('createKeyChooser', () => {
  it('rejects item counts that are not positive integers', () => {
    for (const itemCount of [0, -1, 1.5, Number.NaN, 2 ** 32 + 1]) {
      expect(() => createKeyChooser({ kind: 'uniform' }, itemCount, new Prng(1))).toThrow(/itemCount/);
    }
  });

  it('rejects zipfian and latest constants outside (0, 1)', () => {
    for (const constant of [0, 1, 1.2, -0.5, Number.NaN]) {
      expect(() => createKeyChooser({ kind: 'zipfian', constant, scrambled: false }, 10, new Prng(1))).toThrow(
        /0 < constant < 1/,
      );
      expect(() => createKeyChooser({ kind: 'latest', constant }, 10, new Prng(1))).toThrow(/0 < constant < 1/);
    }
  });

  it('rejects an unknown kind', () => {
    const bogus = { kind: 'hotspot' } as unknown as KeyDistribution;
    expect(() => createKeyChooser(bogus, 10, new Prng(1))).toThrow(/unknown kind "hotspot"/);
  });

  it('uniform: every index about equally often', () => {
    const counts = frequencies(createKeyChooser({ kind: 'uniform' }, 50, new Prng(17)), 50, 50 * 2000);
    expect(chiSquareUniform(counts)).toBeLessThan(CHI_SQUARE_999[49]!);
  });

  it('sequential: 0, 1, 2, ... wrapping at the item count, and consumes no randomness', () => {
    const prng = new Prng(1);
    const chooser = createKeyChooser({ kind: 'sequential' }, 3, prng);
    expect(Array.from({ length: 8 }, () => chooser.next())).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
    const single = createKeyChooser({ kind: 'sequential' }, 1, prng);
    expect([single.next(), single.next()]).toEqual([0, 0]);
    expect(prng.nextUint32()).toBe(new Prng(1).nextUint32());
  });

  it('is deterministic for the same seed', () => {
    for (const distribution of [{ kind: 'uniform' }, zipfian(false), zipfian(true), { kind: 'latest', constant: THETA }] as const) {
      const a = createKeyChooser(distribution, 1000, new Prng(5));
      const b = createKeyChooser(distribution, 1000, new Prng(5));
      const drawsA = Array.from({ length: 500 }, () => a.next());
      expect(Array.from({ length: 500 }, () => b.next())).toEqual(drawsA);
    }
  });

  describe('zipfian (Gray et al. 1994, as YCSB)', () => {
    const n = 1000;
    const draws = 200_000;
    const counts = frequencies(createKeyChooser(zipfian(false), n, new Prng(23)), n, draws);

    it('gives rank 0 and rank 1 their exact probabilities 1/zeta(n) and 0.5^theta/zeta(n)', () => {
      // The algorithm returns rank 0 iff u * zeta(n) < 1 and rank 1 iff
      // 1 <= u * zeta(n) < 1 + 0.5^theta, so for uniform u these shares are
      // exact and the only error is binomial sampling noise:
      // sd = sqrt(p (1 - p) / draws) ~ 0.00076 for p0 ~ 0.134. Five standard
      // deviations (a false failure once in ~1.7 million seeds) is the tolerance.
      const z = zeta(n, THETA);
      for (const [rank, p] of [
        [0, 1 / z],
        [1, 0.5 ** THETA / z],
      ] as const) {
        const tolerance = 5 * Math.sqrt((p * (1 - p)) / draws);
        expect(Math.abs(counts[rank]! / draws - p), `rank ${rank}`).toBeLessThan(tolerance);
      }
    });

    it('makes popularity fall with rank', () => {
      expect(counts[0]).toBeGreaterThan(counts[1]!);
      expect(counts[1]).toBeGreaterThan(counts[2]!);
      expect(counts[2]).toBeGreaterThan(counts[3]!);
      // Blocks of 100 ranks: each block is drawn less often than the one before.
      const blocks = Array.from({ length: 10 }, (_, b) => counts.slice(b * 100, b * 100 + 100).reduce((x, y) => x + y, 0));
      for (let b = 1; b < blocks.length; b++) expect(blocks[b], `block ${b}`).toBeLessThan(blocks[b - 1]!);
    });

    it('handles one and two items', () => {
      const one = createKeyChooser(zipfian(false), 1, new Prng(1));
      expect(frequencies(one, 1, 100)).toEqual([100]);
      const two = frequencies(createKeyChooser(zipfian(false), 2, new Prng(1)), 2, 20_000);
      const p0 = 1 / (1 + 0.5 ** THETA);
      expect(Math.abs(two[0]! / 20_000 - p0)).toBeLessThan(5 * Math.sqrt((p0 * (1 - p0)) / 20_000));
    });
  });

  describe('scrambled zipfian', () => {
    const n = 1000;
    const draws = 100_000;

    it('maps zipfian ranks through a fixed permutation of the key space', () => {
      // The permutation's seed is the prng's first draw; the ranks follow. So
      // a plain zipfian chooser on the same seed, one draw skipped, yields the
      // very ranks the scrambled chooser permutes.
      const seed = 29;
      const scrambled = createKeyChooser(zipfian(true), n, new Prng(seed));
      const rankPrng = new Prng(seed);
      rankPrng.nextUint32();
      const plain = createKeyChooser(zipfian(false), n, rankPrng);

      const indexOfRank = new Map<number, number>();
      const rankOfIndex = new Map<number, number>();
      const plainCounts = new Array<number>(n).fill(0);
      const scrambledCounts = new Array<number>(n).fill(0);
      for (let i = 0; i < draws; i++) {
        const rank = plain.next();
        const index = scrambled.next();
        plainCounts[rank]!++;
        scrambledCounts[index]!++;
        if ((indexOfRank.get(rank) ?? index) !== index || (rankOfIndex.get(index) ?? rank) !== rank) {
          throw new Error(`draw ${i}: rank ${rank} -> index ${index} breaks the bijection`);
        }
        indexOfRank.set(rank, index);
        rankOfIndex.set(index, rank);
      }
      // Same multiset of frequencies, only moved.
      const descending = (a: number, b: number): number => b - a;
      expect([...scrambledCounts].sort(descending)).toEqual([...plainCounts].sort(descending));
      // The hot items are no longer the low indices.
      const hottest = scrambledCounts
        .map((count, index) => ({ count, index }))
        .sort((a, b) => b.count - a.count)
        .slice(0, 10)
        .map((item) => item.index);
      expect(hottest.filter((index) => index < 10).length).toBeLessThan(3);
      expect(scrambledCounts[0]).toBeLessThan(plainCounts[0]! / 2);
    });

    it('reaches every index of a small key space', () => {
      const counts = frequencies(createKeyChooser(zipfian(true), 5, new Prng(31)), 5, 10_000);
      expect(counts.every((count) => count > 0)).toBe(true);
    });
  });

  describe('latest (YCSB SkewedLatestGenerator over a fixed key space)', () => {
    it('is the zipfian rank counted down from the highest index', () => {
      const n = 1000;
      const latest = createKeyChooser({ kind: 'latest', constant: THETA }, n, new Prng(37));
      const plain = createKeyChooser(zipfian(false), n, new Prng(37));
      const counts = new Array<number>(n).fill(0);
      let mismatches = 0;
      for (let i = 0; i < 50_000; i++) {
        const index = latest.next();
        if (index !== n - 1 - plain.next()) mismatches++;
        counts[index]!++;
      }
      expect(mismatches).toBe(0);
      expect(counts.indexOf(Math.max(...counts))).toBe(n - 1);
      const upperHalf = counts.slice(n / 2).reduce((a, b) => a + b, 0);
      expect(upperHalf / 50_000).toBeGreaterThan(0.8);
    });
  });
});
