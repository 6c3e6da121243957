/**
 * The machine-speed yardstick: a fixed, deterministic CPU workload timed with
 * every baseline save and every comparison, so a comparison can tell "the
 * code got slower" from "this run's machine is slower" (a different CI
 * runner, a throttled laptop, a noisy neighbour).
 *
 * One round fills a Uint32Array of ROUND_LENGTH values from xorshift32
 * (Marsaglia, "Xorshift RNGs", J. Stat. Softw. 8(14), 2003) seeded by the
 * round number, sorts it (V8's TypedArray sort), and folds the sorted values
 * through MurmurHash3's fmix32 into a checksum. That exercises what the
 * store's hot paths use — integer ALU, branchy comparisons, memory traffic
 * within L2 — without allocating (the buffer is reused), so no GC lands in
 * the timing. The checksum is returned, which keeps V8 from discarding the
 * work, and is fixed, which proves the work is the same on every machine.
 *
 * The work is fixed (DEFAULT_SAMPLES × DEFAULT_ROUNDS_PER_SAMPLE rounds after
 * one untimed sample of JIT warm-up; about 200 ms on a 2020s x64 core), and
 * each sample's ops/s is rounds / elapsed. The clock is injected
 * (harness/measure/clock.ts) so tests can drive it with exact readings.
 *
 * The workload's identity is CALIBRATION_WORKLOAD: change the workload and
 * you must change the id, so old baselines are flagged as not comparable
 * instead of being normalised by a different yardstick.
 */
import { monotonicClock, type Clock } from '../instruments/clock.ts';
import { fmix32 } from '../../lib/hashing.ts';

export const CALIBRATION_WORKLOAD = 'varbench-cpu-v1: xorshift32 fill, sort and fmix32 fold of 16,384 uint32 per round';
export const ROUND_LENGTH = 16_384;
export const DEFAULT_SAMPLES = 5;
export const DEFAULT_ROUNDS_PER_SAMPLE = 40;

export interface CalibrationOptions {
  readonly clock?: Clock;
  /** Timed samples (each one ops/s figure). */
  readonly samples?: number;
  /** Rounds per sample; the warm-up runs one sample's worth, untimed. */
  readonly roundsPerSample?: number;
}

export interface CalibrationResult {
  readonly workload: string;
  /** Rounds per second, one per sample, in the order they ran. */
  readonly opsPerSec: readonly number[];
  /** Fold of every round's checksum: depends only on the number of rounds. */
  readonly checksum: number;
}

/** One round over `buffer` (reused); returns its checksum. Exported for tests of determinism. */
export function calibrationRound(round: number, buffer: Uint32Array): number {
  // xorshift32 must not start at 0; fmix32 is a bijection with fmix32(0) = 0, so round + 1 never maps to 0.
  let state = fmix32((round + 1) >>> 0);
  for (let i = 0; i < buffer.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    buffer[i] = state >>> 0;
  }
  buffer.sort();
  let hash = 0;
  for (let i = 0; i < buffer.length; i++) hash = fmix32((hash ^ buffer[i]!) >>> 0);
  return hash;
}

function requireWholeNumber(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`runCalibration: ${what} must be a whole number >= 1, got ${value}`);
}

/**
 * Runs the calibration workload: one untimed warm-up sample, then `samples`
 * timed ones. The clock is read exactly twice per timed sample.
 */
export function runCalibration(options?: CalibrationOptions): CalibrationResult {
  const clock = options?.clock ?? monotonicClock;
  const samples = options?.samples ?? DEFAULT_SAMPLES;
  const roundsPerSample = options?.roundsPerSample ?? DEFAULT_ROUNDS_PER_SAMPLE;
  requireWholeNumber(samples, 'samples');
  requireWholeNumber(roundsPerSample, 'roundsPerSample');

  const buffer = new Uint32Array(ROUND_LENGTH);
  let checksum = 0;
  let round = 0;
  const runRounds = (): void => {
    for (let r = 0; r < roundsPerSample; r++) checksum = fmix32((checksum ^ calibrationRound(round++, buffer)) >>> 0);
  };

  runRounds(); // warm-up: lets V8 optimise the loops before anything is timed
  const opsPerSec: number[] = [];
  for (let s = 0; s < samples; s++) {
    const startNs = clock.nowNs();
    runRounds();
    const elapsedNs = clock.nowNs() - startNs;
    if (!(elapsedNs > 0)) {
      throw new RangeError(`runCalibration: the clock did not advance over ${roundsPerSample} rounds (elapsed ${elapsedNs} ns); is it monotonic?`);
    }
    opsPerSec.push((roundsPerSample * 1e9) / elapsedNs);
  }
  return { workload: CALIBRATION_WORKLOAD, opsPerSec, checksum };
}

/**
 * How much faster the current machine is than the baseline's: the fastest
 * calibration sample now / the fastest in the baseline. Above 1 the current
 * run had the faster machine, so its rates are divided by this ratio and its
 * durations multiplied by it before comparing (compare.ts).
 *
 * Fastest, not median: the yardstick is meant to capture the machine (CPU
 * model, clock, throttling), and on a shared VM single samples lose 10 % and
 * more to neighbours. Measured on the 2-core VM of the README (five
 * calibrate-noise runs of ci-gate, ten samples each, against its baseline):
 * their medians spread over 0.88–1.05 of the baseline's, their maxima over
 * 0.98–1.01, so the median would have added ±10 % of noise to every
 * normalised cell while the maximum adds about ±1 %.
 */
export function calibrationRatio(current: readonly number[], baseline: readonly number[]): number {
  const base = Math.max(...baseline);
  if (!(base > 0)) throw new RangeError(`calibrationRatio: the baseline's fastest calibration sample must be > 0, got ${base}`);
  const now = Math.max(...current);
  if (!(now > 0)) throw new RangeError(`calibrationRatio: the current fastest calibration sample must be > 0, got ${now}`);
  return now / base;
}
