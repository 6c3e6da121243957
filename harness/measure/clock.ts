/**
 * The harness's clock, injectable so the runner and driver can be tested with
 * exact times. Readings are integer nanoseconds as a JS number: 2^53 ns is
 * about 104 days, far beyond any run. A real read costs ~110 ns here, which
 * is why the driver reads it only on sampled ops and every few hundred ops.
 */
export interface Clock {
  nowNs(): number;
}

const origin = process.hrtime.bigint();

export const monotonicClock: Clock = {
  // Subtracting the origin keeps the value small enough to be exact as a double.
  nowNs: () => Number(process.hrtime.bigint() - origin),
};
