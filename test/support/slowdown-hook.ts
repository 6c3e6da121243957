/**
 * TEST-ONLY: a deliberate, proportional slowdown of one storage variant, to
 * prove the regression gate catches real regressions (and to find the
 * smallest it reliably catches). Nothing in the product imports this file;
 * it is preloaded into every job process through NODE_OPTIONS:
 *
 *   VARBENCH_SLOWDOWN=cached=0.1 VARBENCH_SLOWDOWN_SIDE=B \
 *   NODE_OPTIONS="--import tsx --import ./test/support/slowdown-hook.ts" \
 *   npm run bench -- --scenario ci-gate --against HEAD
 *
 * VARBENCH_SLOWDOWN is `<variant>[.<method>]=<fraction>` (cached and pooled
 * wrap a BatchedStore, so slowing batched slows cached's writes and misses
 * and pooled's writes too). VARBENCH_SLOWDOWN_SIDE (optional) limits it to
 * the jobs of one side of an --against run (the executor sets VARBENCH_SIDE
 * in each job: A the ref, B the working tree).
 *
 * Fair by construction: every call of the method (every Store method when
 * none is named) is timed, and the process then spins for `fraction` x that
 * call's own cost, so `cached=0.1` makes each op cost 10 % more CPU, and
 * the variant's throughput drops by about 10 % (a little less: the driver's
 * own per-op work is not slowed). The two clock reads per call are extra
 * work too, so they are paid out of the spin: what a call owes is
 * fraction x cost - the clock reads, and a cheap call whose share is
 * smaller than its clock reads (a cache hit at 10 %) carries the difference
 * as a debt that the next calls' spins repay. Over a run the extra time is
 * fraction x the time spent in the methods, as long as the calls cost more
 * on average than clock reads / fraction (about 2.2 µs at 10 % here).
 * The spin is a calibrated integer loop, so the extra work is CPU work on
 * any machine.
 */
import { performance } from 'node:perf_hooks';
import { CachedStore } from '../../variants/storage/cached.ts';
import { BatchedStore } from '../../variants/storage/batched.ts';

const STORE_METHODS = ['get', 'put', 'delete', 'scan', 'batch'] as const;
const PATCHABLE: Readonly<Record<string, { prototype: object }>> = { cached: CachedStore, batched: BatchedStore };

function parseSpec(spec: string): { variant: string; methods: readonly string[]; fraction: number } {
  const match = /^([a-z]+)(?:\.([a-z]+))?=([0-9.]+)$/.exec(spec.trim());
  const fraction = match ? Number(match[3]) : NaN;
  if (!match || !(fraction >= 0) || PATCHABLE[match[1]!] === undefined || (match[2] !== undefined && !(STORE_METHODS as readonly string[]).includes(match[2]))) {
    throw new Error(
      `VARBENCH_SLOWDOWN='${spec}': expected <variant>[.<method>]=<fraction> with variant one of ${Object.keys(PATCHABLE).join(', ')} ` +
        `and method one of ${STORE_METHODS.join(', ')}, e.g. cached.get=0.2`,
    );
  }
  return { variant: match[1]!, methods: match[2] ? [match[2]] : STORE_METHODS, fraction };
}

/** Keeps the spin loop's result observable so V8 cannot drop the loop. */
let sink = 0;
function spin(iterations: number): void {
  let x = sink | 1;
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1_103_515_245) + 12_345) | 0;
  sink = x;
}

function iterationsPerNs(): number {
  spin(1_000_000); // let V8 optimise the loop first
  const n = 5_000_000;
  const start = performance.now();
  spin(n);
  return n / ((performance.now() - start) * 1e6);
}

function clockReadNs(): number {
  const n = 100_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) performance.now();
  return ((performance.now() - start) * 1e6) / n;
}

function install(spec: string): void {
  const { variant, methods, fraction } = parseSpec(spec);
  const perNs = iterationsPerNs();
  // Two reads per call are what the slowed call pays for its own timing.
  const timingNs = 2 * clockReadNs();
  const prototype = PATCHABLE[variant]!.prototype as Record<string, (...args: unknown[]) => unknown>;
  for (const method of methods) {
    const original = prototype[method]!;
    // Nanoseconds still to spin: positive after an expensive call, negative
    // while cheap calls' clock reads have cost more than their share.
    let owedNs = 0;
    prototype[method] = function slowed(this: unknown, ...args: unknown[]): unknown {
      const start = performance.now();
      const result = original.apply(this, args);
      const costNs = (performance.now() - start) * 1e6;
      owedNs += fraction * costNs - timingNs;
      if (owedNs > 0) {
        spin(Math.round(owedNs * perNs));
        owedNs = 0;
      }
      return result;
    };
  }
}

const spec = process.env.VARBENCH_SLOWDOWN;
const side = process.env.VARBENCH_SLOWDOWN_SIDE;
if (spec && (side === undefined || side === '' || side === process.env.VARBENCH_SIDE)) install(spec);
