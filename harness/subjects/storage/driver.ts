/**
 * The timed loop: replays an op trace against a store and measures it.
 *
 * Honest-measurement choices (a clock read costs ~110 ns here, an op of a
 * fast store a few hundred):
 * - throughput = ops completed / wall time of the whole phase; unsampled ops
 *   read no clock at all;
 * - latency is taken from 1 in `sampleEvery` ops (a power of two), each timed
 *   by two clock reads around the call; op types are drawn at random, so a
 *   fixed stride does not alias with them; which 1 in `sampleEvery` is the
 *   repeat's `sampleOffset` (sample-offset.ts), compared with the masked
 *   position as the fixed 0 was, so choosing it costs the loop nothing;
 * - every `CHECK_EVERY` units of work the clock is read once to close
 *   timeline intervals, sample memory, report progress and honour the
 *   duration cap; at each interval the loop yields to the event loop once, so
 *   GC entries and worker messages are delivered even when the store is
 *   synchronous. A get, put or delete is one unit, a batch its `batchSize`
 *   puts and a scan its `scanLength` entries, so slow ops still reach a
 *   checkpoint within about one op (200 scans of 10,000 entries would
 *   otherwise check the duration cap once, after the 128th).
 * Only thenables are awaited, so synchronous stores pay no promise tax.
 * - the values of a few gets are kept for checking after the phase
 *   (`observeGets`, storage-job.ts verify-after), only among the ops already
 *   timed, so unsampled ops carry no extra work: one mask test per timed op,
 *   and a copy of the value for 1 in `observeGets.every` positions.
 *
 * Items, not calls: a batch op (one store.batch() of the trace's `batchSize`
 * puts, see trace.ts batchWrites) adds `batchSize` to `operations`, to its
 * op type's count and to the timeline, so throughput of a batch scenario is
 * items/s ("batched put of 1,000 items > 50k items/s"); every other op adds
 * one. Its latency sample is the whole call, building its WriteOp array
 * included (as a caller pays it; the no-op reference job shows that share).
 */
import type { Store } from '../../../variants/storage/store.ts';
import type { TimelinePoint } from './measure.ts';
import { batchWrites, OP_CODES, type OpTrace } from './workload/trace.ts';
import { isThenable } from './workload/settle.ts';
import type { Clock } from '../../instruments/clock.ts';
import { LatencyRecorder } from '../../instruments/latency-recorder.ts';
import { MemorySampler } from '../../instruments/memory-sampler.ts';

const CHECK_EVERY = 128;

export interface DriveOptions {
  readonly store: Store;
  readonly trace: OpTrace;
  /** keyOf(i) for every record index, built once so the loop does no string formatting. */
  readonly keys: readonly string[];
  /** Replays trace positions [0, operations). */
  readonly operations: number;
  /** Stop early once this much time has passed (null: run all operations). */
  readonly maxDurationNs: number | null;
  readonly concurrency: number;
  readonly scanLength: number;
  /** Time 1 in this many ops (power of two); 0 disables latency recording (warmup). */
  readonly sampleEvery: number;
  /** Time the ops at trace positions i with i mod sampleEvery === sampleOffset; in [0, sampleEvery), default 0. */
  readonly sampleOffset?: number;
  readonly tickIntervalNs: number;
  readonly clock: Clock;
  readonly onTick?: (opsDone: number, elapsedNs: number) => void;
  /**
   * Work that belongs to the phase after the last op: the store's flush(), so
   * a variant that defers writes pays for them inside the measured time, as
   * naive pays its fsyncs.
   */
  readonly finish?: () => unknown;
  /** Sees the values of some of the timed gets (those at positions that are multiples of `every`). */
  readonly observeGets?: GetObserver;
}

export interface GetObserver {
  /** A power of two; only timed ops are seen, so positions are multiples of both this and sampleEvery. */
  readonly every: number;
  /**
   * The get at trace `position` answered `value`; when it did, trace
   * positions [0, issued) had been issued (for a synchronous store,
   * issued = position + 1): the writes it may reflect besides the earlier ones.
   */
  see(position: number, value: unknown, issued: number): void;
}

export interface DriveResult {
  /** Items completed: batchSize per batch op, one per other op. */
  readonly operations: number;
  /** Wall time of the phase, `finish` included. */
  readonly durationNs: number;
  /** Wall time of `finish` alone (0 without one). */
  readonly finishNs: number;
  /** Completed items per op code (batch: batchSize per call). */
  readonly counts: readonly number[];
  readonly latency: LatencyRecorder;
  readonly timeline: readonly TimelinePoint[];
  readonly memory: MemorySampler;
  /**
   * Trace positions that ran to completion: exactly ops [0, positions),
   * since clients take positions in order and every op taken is awaited
   * (the duration cap only stops clients from taking more).
   */
  readonly positions: number;
}

export async function drive(options: DriveOptions): Promise<DriveResult> {
  const { store, trace, keys, clock, scanLength } = options;
  const ops = trace.ops;
  const traceKeys = trace.keys;
  const values = trace.values;
  const valueCount = values.length;
  const end = Math.min(options.operations, trace.length);
  const sampleEvery = options.sampleEvery;
  if (sampleEvery !== 0 && (sampleEvery & (sampleEvery - 1)) !== 0) {
    throw new Error(`sampleEvery must be 0 or a power of two, got ${sampleEvery}`);
  }
  const sampleMask = sampleEvery - 1;
  const observer = options.observeGets ?? null;
  if (observer !== null && (observer.every < 1 || (observer.every & (observer.every - 1)) !== 0)) {
    throw new Error(`observeGets.every must be a power of two, got ${observer.every}`);
  }
  if (observer !== null && sampleEvery !== 0 && observer.every < sampleEvery) {
    throw new Error(`observeGets.every (${observer.every}) must be at least sampleEvery (${sampleEvery}): only timed gets are observed`);
  }
  // Observed: the timed positions whose bits under the wider mask equal the offset too (1 in observer.every);
  // without an observer the null test below excludes every position.
  const observeMask = observer === null ? -1 : observer.every - 1;
  const sampleOffset = options.sampleOffset ?? 0;
  if (!Number.isInteger(sampleOffset) || sampleOffset < 0 || (sampleEvery !== 0 && sampleOffset >= sampleEvery)) {
    throw new Error(`sampleOffset must be an integer in [0, sampleEvery = ${sampleEvery}), got ${sampleOffset}`);
  }
  const opTypeCount = Object.keys(OP_CODES).length;
  const counts = new Array<number>(opTypeCount).fill(0);
  const latency = new LatencyRecorder(opTypeCount);
  const memory = new MemorySampler();
  const timeline: TimelinePoint[] = [];

  const GET = OP_CODES.get;
  const PUT = OP_CODES.put;
  const DELETE = OP_CODES.delete;
  const SCAN = OP_CODES.scan;
  const BATCH = OP_CODES.batch;
  const batchSize = trace.batchSize;
  /** What a scan adds towards the next checkpoint beyond the one item it counts as. */
  const scanExtraWork = Math.max(0, scanLength - 1);

  function execute(i: number): unknown {
    const op = ops[i]!;
    const key = keys[traceKeys[i]!]!;
    if (op === GET) return store.get(key);
    if (op === PUT) return store.put(key, values[i % valueCount]!);
    if (op === DELETE) return store.delete(key);
    if (op === SCAN) {
      // Charged here, in the scan's own branch, so the other ops' hot path carries no per-type work table.
      nextCheck -= scanExtraWork;
      return store.scan({ start: key, limit: scanLength });
    }
    return store.batch(batchWrites(trace, i, keys));
  }

  const startNs = clock.nowNs();
  const deadlineNs = options.maxDurationNs === null ? Infinity : startNs + options.maxDurationNs;
  let next = 0;
  let done = 0;
  /**
   * `done` at which the next checkpoint is due: a threshold, not
   * `done % CHECK_EVERY === 0`, since a batch adds many items at once and
   * could step over every multiple. A scan lowers it by its extra work.
   */
  let nextCheck = CHECK_EVERY;
  let stopped = false;
  let intervalStartNs = startNs;
  let intervalStartOps = 0;
  memory.sample(0);

  /**
   * Set while the driver lets the event loop turn. Every client waits on it
   * before its next op: if only the client that closed the interval yielded,
   * the others would keep the microtask queue busy and the loop (GC entries,
   * timers, the event-loop delay monitor, worker replies) would not turn
   * until every client had yielded on its own.
   */
  let pause: Promise<void> | null = null;

  async function checkpoint(): Promise<void> {
    const now = clock.nowNs();
    if (now >= deadlineNs) stopped = true;
    if (now - intervalStartNs < options.tickIntervalNs && !stopped) return;
    const elapsedMs = (now - startNs) / 1e6;
    timeline.push({ tMs: elapsedMs, opsPerSec: ((done - intervalStartOps) * 1e9) / (now - intervalStartNs) });
    intervalStartNs = now;
    intervalStartOps = done;
    memory.sample(elapsedMs);
    options.onTick?.(done, now - startNs);
    pause ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      pause = null;
    });
    await pause;
  }

  async function client(): Promise<void> {
    try {
      await clientLoop();
    } catch (error) {
      stopped = true; // the other clients stop at their next op; the job fails with this error
      throw error;
    }
  }

  async function clientLoop(): Promise<void> {
    while (!stopped) {
      if (pause !== null) await pause;
      const i = next++;
      if (i >= end) return;
      const op = ops[i]!;
      if (sampleEvery !== 0 && (i & sampleMask) === sampleOffset) {
        const t0 = clock.nowNs();
        const pending = execute(i);
        const value = isThenable(pending) ? await pending : pending;
        latency.record(op, clock.nowNs() - t0);
        if ((i & observeMask) === sampleOffset && op === GET && observer !== null) observer.see(i, value, next);
      } else {
        const pending = execute(i);
        if (isThenable(pending)) await pending;
      }
      const items = op === BATCH ? batchSize : 1;
      counts[op]! += items;
      done += items;
      if (done >= nextCheck) {
        nextCheck = done + CHECK_EVERY;
        await checkpoint();
      }
    }
  }

  const clients: Promise<void>[] = [];
  for (let c = 0; c < options.concurrency; c++) clients.push(client());
  await Promise.all(clients);
  let finishNs = 0;
  if (options.finish) {
    const finishStartNs = clock.nowNs();
    const pending = options.finish();
    if (isThenable(pending)) await pending;
    finishNs = clock.nowNs() - finishStartNs;
  }
  const endNs = clock.nowNs();

  if (done > intervalStartOps && endNs > intervalStartNs) {
    timeline.push({ tMs: (endNs - startNs) / 1e6, opsPerSec: ((done - intervalStartOps) * 1e9) / (endNs - intervalStartNs) });
  }
  memory.sample((endNs - startNs) / 1e6);
  return { operations: done, durationNs: endNs - startNs, finishNs, counts, latency, timeline, memory, positions: Math.min(next, end) };
}
