/**
 * A Map-based Store for harness tests: the reference behaviour of the
 * contract in variants/storage/store.ts, exact and fast. Methods are closures
 * on a plain object so a test can make a faulty store with
 * `{ ...store, get: ... }`. It records what was called so tests can check
 * order, and (in async mode) how many calls were in flight at once.
 */
import type { Entry, ScanOptions, Store, WriteOp } from '../../variants/storage/store.ts';

export interface MemoryStore extends Store {
  readonly data: Map<string, Uint8Array>;
  /** Every call, in order: 'get', 'put', 'delete', 'batch', 'scan', 'flush', 'close'. */
  readonly calls: string[];
  /** The key of every keyed call (get, put, delete; a scan's start or prefix), in order, as `op key`. */
  readonly keyedCalls: string[];
  /** Number of records in `data` when each flush was called (not when it settled). */
  readonly sizeAtFlush: number[];
  readonly batchSizes: number[];
  /** Calls in flight now and the most ever in flight at once (async mode). */
  readonly inFlight: { now: number; max: number };
}

export interface MemoryStoreOptions {
  /** Every result becomes a promise that settles on a later macrotask. */
  readonly async?: boolean;
  /** A keyed call on this key throws, to test error paths. */
  readonly failOnKey?: string;
}

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

export function memoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const data = new Map<string, Uint8Array>();
  const calls: string[] = [];
  const keyedCalls: string[] = [];
  const sizeAtFlush: number[] = [];
  const batchSizes: number[] = [];
  const inFlight = { now: 0, max: 0 };

  const respond = <T>(produce: () => T): T | Promise<T> => {
    if (!options.async) return produce();
    inFlight.now += 1;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    return new Promise<T>((resolve) =>
      setTimeout(() => {
        inFlight.now -= 1;
        resolve(produce());
      }, 0),
    );
  };
  const keyed = <T>(op: string, key: string, produce: () => T): T | Promise<T> => {
    calls.push(op);
    keyedCalls.push(`${op} ${key}`);
    if (key === options.failOnKey) throw new Error(`injected failure on ${key}`);
    return respond(produce);
  };
  const apply = (op: WriteOp): void => {
    if (op.type === 'put') data.set(op.key, op.value.slice());
    else data.delete(op.key);
  };

  return {
    data,
    calls,
    keyedCalls,
    sizeAtFlush,
    batchSizes,
    inFlight,
    get: (key) => keyed('get', key, () => data.get(key)?.slice()),
    put: (key, value) => keyed('put', key, () => apply({ type: 'put', key, value })),
    delete: (key) => keyed('delete', key, () => apply({ type: 'delete', key })),
    batch(ops) {
      calls.push('batch');
      batchSizes.push(ops.length);
      return respond(() => ops.forEach(apply));
    },
    scan: (scan: ScanOptions) =>
      keyed('scan', scan.start ?? scan.prefix ?? '', () => {
        const entries: Entry[] = [];
        for (const key of [...data.keys()].sort(byBytes)) {
          if (scan.prefix !== undefined && !key.startsWith(scan.prefix)) continue;
          if (scan.start !== undefined && byBytes(key, scan.start) < 0) continue;
          if (scan.end !== undefined && byBytes(key, scan.end) >= 0) continue;
          if (scan.limit !== undefined && entries.length >= scan.limit) break;
          entries.push({ key, value: data.get(key)!.slice() });
        }
        return entries;
      }),
    flush() {
      calls.push('flush');
      sizeAtFlush.push(data.size);
      return respond(() => undefined);
    },
    close() {
      calls.push('close');
      return respond(() => undefined);
    },
  };
}

/** A clock that advances a fixed step on every read, so durations are exact. */
export function steppingClock(stepNs: number): { nowNs(): number; reads: () => number } {
  let t = 0;
  let reads = 0;
  return {
    nowNs: () => {
      reads += 1;
      t += stepNs;
      return t;
    },
    reads: () => reads,
  };
}
