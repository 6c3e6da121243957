/**
 * Gets answered during the measured phase, kept to be checked after it
 * against the replay of the trace (verify-after.ts): a variant that answers
 * wrongly only while it is being timed is caught too, not only one whose
 * final state is wrong.
 *
 * The driver shows it only gets it already times (driver.ts `observeGets`),
 * 1 in `every` trace positions: with mixed-70-20-10's 1 in 8 timed, ~700 of
 * a million ops. Each value is copied (a store may hand out a buffer it
 * reuses later) until `maxBytes` are kept, so a scenario of large values
 * cannot make the phase hold megabytes more than another.
 */
import type { GetObserver } from '../driver.ts';

/** A power of two; with the default 1 in 8 timed, 1 in 128 timed ops is a get to check. */
export const DEFAULT_OBSERVE_EVERY = 1_024;
/** ~4,000 values of 256 bytes; a handful of 64 KiB ones. */
export const DEFAULT_OBSERVED_MAX_BYTES = 1 << 20;

export interface ObservedGet {
  readonly position: number;
  /** A copy of what the store answered. */
  readonly value: unknown;
  /** Trace positions issued when the answer arrived (driver.ts GetObserver). */
  readonly issued: number;
}

export class ObservedGets implements GetObserver {
  readonly gets: ObservedGet[] = [];
  private bytes = 0;

  constructor(
    readonly every = DEFAULT_OBSERVE_EVERY,
    private readonly maxBytes = DEFAULT_OBSERVED_MAX_BYTES,
  ) {}

  see(position: number, value: unknown, issued: number): void {
    if (this.bytes >= this.maxBytes) return;
    // new Uint8Array(view) copies (Buffer#slice would not).
    const copy = value instanceof Uint8Array ? new Uint8Array(value) : value;
    this.bytes += copy instanceof Uint8Array ? copy.byteLength + 64 : 64;
    this.gets.push({ position, value: copy, issued });
  }
}
