/**
 * TEST-ONLY: a deliberate, proportional slowdown of one storage variant, to
 * prove the regression gate catches real regressions (and to find the
 * smallest it reliably catches). Nothing in the product imports this file;
 * it is preloaded into every job process through NODE_OPTIONS:
 *
 *   VARBENCH_SLOWDOWN=cached.get=0.2 \
 *   NODE_OPTIONS="--import tsx --import ./test/support/slowdown-hook.ts" \
 *   npm run bench -- --scenario ci-gate --baseline ci-gate
 *
 * VARBENCH_SLOWDOWN is `<variant>[.<method>]=<fraction>` (cached and pooled wrap a
 * BatchedStore, so slowing batched slows cached's writes and misses and pooled's writes too): after each call
 * of the method (every Store method when none is named), the process spins
 * for `fraction` × that method's own cost, so 0.2 is "20 % extra work in
 * cached's get" and `cached=1` makes every cached op take about twice as long.
 *
 * The cost is measured, not guessed: 1 call in 16 is timed (minus the cost of
 * the clock reads) into a running mean, and the spin is a calibrated
 * integer loop, so the extra work scales with the real op on any machine.
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
  const clockNs = clockReadNs();
  const prototype = PATCHABLE[variant]!.prototype as Record<string, (...args: unknown[]) => unknown>;
  for (const method of methods) {
    const original = prototype[method]!;
    let calls = 0;
    let sampledNs = 0;
    let sampled = 0;
    let averageNs = 0;
    prototype[method] = function slowed(this: unknown, ...args: unknown[]): unknown {
      let result: unknown;
      if ((calls++ & 15) === 0) {
        const start = performance.now();
        result = original.apply(this, args);
        // A running mean, not a moving one: a method's cost is heavy-tailed
        // (a put that commits the batch costs a thousand plain puts), and only
        // the mean over every sample scales the total work by `fraction`.
        sampledNs += Math.max(0, (performance.now() - start) * 1e6 - clockNs);
        sampled += 1;
        averageNs = sampledNs / sampled;
      } else {
        result = original.apply(this, args);
      }
      spin(Math.round(fraction * averageNs * perNs));
      return result;
    };
  }
}

const spec = process.env.VARBENCH_SLOWDOWN;
if (spec) install(spec);
