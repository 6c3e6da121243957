/**
 * Which ops a repeat times. The driver times the ops whose trace position i
 * has i mod sampleEvery === offset (driver.ts). Every repeat replays the same
 * seeded trace, so a fixed offset would time exactly the same ops in every
 * repeat: an op that is slow for its own reasons (a cold page, the put that
 * fills a batch and commits it) would be in every repeat's sample or in
 * none, and more repeats would add no new ops to the merged histogram.
 *
 * The offset is a function of the dataset seed and the repeat number, so a
 * run is reproducible (repeat 3 of a scenario always times the same ops),
 * and it steps by one per repeat from a start the seed picks, so any
 * `sampleEvery` consecutive repeats time disjoint sets of ops and together
 * cover the trace. Independent random offsets would not guarantee that: with
 * 1 in 8 timed, two of three repeats would share their ops with probability
 * 1 − (7/8 · 6/8) ≈ 34 %.
 */
import { fmix32 } from '../../../lib/hashing.ts';

/** Salts the seed, so the start is not the first draw of the trace's own generator (trace.ts seeds a Prng with the same seed). */
const OFFSET_SALT = 0x5a3c_e1d7;

/** The offset in [0, sampleEvery) for `repeat` (any integer) of a dataset seeded with `seed`; 0 when every op (or none) is timed. */
export function latencySampleOffset(seed: number, repeat: number, sampleEvery: number): number {
  if (sampleEvery <= 1) return 0;
  if (!Number.isInteger(repeat)) throw new RangeError(`repeat must be an integer, got ${String(repeat)}`);
  // fmix32 avalanches every bit of the (low 32 bits of the) seed; sampleEvery is a power of two, so the remainder is unbiased.
  const start = fmix32((seed ^ OFFSET_SALT) >>> 0) % sampleEvery;
  const offset = (start + repeat) % sampleEvery;
  return offset < 0 ? offset + sampleEvery : offset;
}
