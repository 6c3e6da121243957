/**
 * The harness's clock, injectable so the runner and driver can be tested with
 * exact times. Readings are integer nanoseconds as a JS number.
 *
 * performance.now() (monotonic, sub-microsecond resolution in Node) costs the
 * same as process.hrtime.bigint() here (~55 ns a read, measured) but
 * allocates no BigInt, so the timed loop makes no garbage of its own. A read
 * is still far from free, which is why the driver reads it only on sampled
 * ops and every few hundred ops.
 */
import { performance } from 'node:perf_hooks';

export interface Clock {
  nowNs(): number;
}

export const monotonicClock: Clock = {
  nowNs: () => Math.round(performance.now() * 1e6),
};
