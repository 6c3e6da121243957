/**
 * A pool of reader worker threads, each with its own read-only SQLite
 * connection, answering reads in batches.
 *
 * Batching: reads are queued and sent by a dispatch that runs once per
 * microtask checkpoint, so all the reads issued in one synchronous stretch of
 * code (one tick) travel together: one postMessage per worker carrying many
 * keys, one reply carrying every value (reader-protocol.ts). A message costs
 * tens of microseconds of serialisation and thread wake-up whatever its size,
 * so under concurrency this divides that cost by the batch size.
 *
 * Routing: each worker has at most one batch in flight. Reads that arrive
 * while every worker is busy wait in the queue (counted in poolQueueWaits)
 * and leave together in the next batch of the first worker to reply; a busy
 * pool therefore sends larger batches, an idle one answers sooner. A batch is
 * split evenly across the idle workers, starting at a rotating index.
 *
 * Failure: a worker that throws, exits or sends something unreadable rejects
 * the reads it was answering with its error and leaves the pool; queued reads
 * go to the remaining workers, or are rejected with the error when none is
 * left. Nothing waits forever on a dead worker.
 *
 * Idle workers are unref()'d, so an open pool never keeps the process alive
 * on its own; a worker with a batch in flight is ref()'d until it answers.
 */
import type { Worker } from 'node:worker_threads';
import type { Entry } from './store.ts';
import {
  deserializeError, unpackValues,
  type ReadRequestMessage, type ReaderConfig, type ReaderReply, type ReadResultMessage, type ScanRequest,
} from './reader-protocol.ts';
import { startTsWorker } from '../../lib/ts-worker.ts';

export interface ReaderPoolOptions {
  readonly size: number;
  /** Most reads (keys + scans) one message carries. */
  readonly maxBatch: number;
  readonly config: ReaderConfig;
  /** The worker module; tests substitute misbehaving ones. */
  readonly entry?: URL;
  /** How long close() lets outstanding reads finish before it stops the workers anyway. */
  readonly closeGraceMs?: number;
}

interface GetRead {
  readonly kind: 'get';
  readonly key: string;
  readonly resolve: (value: Uint8Array | undefined) => void;
  readonly reject: (error: Error) => void;
  waited: boolean;
}

interface ScanRead {
  readonly kind: 'scan';
  readonly scan: ScanRequest;
  readonly resolve: (entries: Entry[]) => void;
  readonly reject: (error: Error) => void;
  waited: boolean;
}

type Read = GetRead | ScanRead;

interface InFlight {
  readonly id: number;
  readonly gets: GetRead[];
  readonly scans: ScanRead[];
}

interface Reader {
  readonly index: number;
  readonly worker: Worker;
  /** Has opened its connection and said so. */
  ready: boolean;
  inFlight: InFlight | null;
  /** Reply buffers to hand back to this worker with its next request. */
  recycled: ArrayBuffer[];
  bufferAllocations: number;
  failed: boolean;
}

const DEFAULT_ENTRY = new URL('./pooled-reader.ts', import.meta.url);
/** Reply buffers kept per worker between requests (one batch in flight needs one). */
const MAX_RECYCLED = 2;
/** Long enough for any sane batch of reads; short enough that a stuck worker cannot hang close(). */
const DEFAULT_CLOSE_GRACE_MS = 10_000;

export class ReaderPool {
  readonly #readers: Reader[];
  readonly #maxBatch: number;
  readonly #closeGraceMs: number;
  #queue: Read[] = [];
  #dispatchScheduled = false;
  #rotation = 0;
  #nextId = 1;
  #closing = false;
  #closed: Promise<void> | null = null;
  #onDrained: (() => void) | null = null;
  #failure: Error | null = null;
  /** Settles when every worker is ready, or when one fails first. */
  readonly #started: Promise<void>;
  #onStarted!: { resolve: () => void; reject: (error: Error) => void };
  #batches = 0;
  #requests = 0;
  #queueWaits = 0;

  private constructor(workers: Worker[], maxBatch: number, closeGraceMs: number) {
    this.#maxBatch = maxBatch;
    this.#closeGraceMs = closeGraceMs;
    this.#started = new Promise((resolve, reject) => (this.#onStarted = { resolve, reject }));
    // Listeners go on at once: a worker's 'error' event with no listener would crash the process.
    this.#readers = workers.map((worker, index) => {
      const reader: Reader = { index, worker, ready: false, inFlight: null, recycled: [], bufferAllocations: 0, failed: false };
      worker.on('message', (message: ReaderReply) => this.#onReply(reader, message));
      worker.on('error', (error) => this.#onFailure(reader, error));
      worker.on('messageerror', (error) => this.#onFailure(reader, error));
      worker.on('exit', (code) => {
        // During close the pool terminates its workers itself; an exit with
        // reads still in flight is a failure either way (they must not wait
        // out the close grace period).
        if (!this.#closing || reader.inFlight !== null) this.#onFailure(reader, new Error(`exited with code ${code}`));
      });
      return reader;
    });
  }

  /** Starts `size` workers and resolves once each has opened its connection; rejects (stopping them all) if one fails. */
  static async start(options: ReaderPoolOptions): Promise<ReaderPool> {
    const { size, maxBatch, config } = options;
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`reader pool: size must be a positive integer, got ${size}`);
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`reader pool: maxBatch must be a positive integer, got ${maxBatch}`);
    const workers = Array.from({ length: size }, () => startTsWorker(options.entry ?? DEFAULT_ENTRY, config));
    const pool = new ReaderPool(workers, maxBatch, options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS);
    try {
      await pool.#started;
    } catch (error) {
      pool.#closing = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    // Kept ref()'d while starting, so that a caller awaiting start() keeps the process alive.
    for (const worker of workers) worker.unref();
    return pool;
  }

  get(key: string): Promise<Uint8Array | undefined> {
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'get', key, resolve, reject, waited: false }));
  }

  /** Committed rows of a range, in key order. */
  scan(scan: ScanRequest): Promise<Entry[]> {
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'scan', scan, resolve, reject, waited: false }));
  }

  /**
   * Lets queued and in-flight reads finish (or fail) for up to closeGraceMs,
   * rejects whatever is still unanswered after that, and stops the workers.
   * Reads requested after close() began are rejected. Idempotent.
   */
  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  counters(): { poolBatches: number; poolRequests: number; poolQueueWaits: number; poolBufferAllocations: number } {
    let allocations = 0;
    for (const reader of this.#readers) allocations += reader.bufferAllocations;
    return {
      poolBatches: this.#batches,
      poolRequests: this.#requests,
      poolQueueWaits: this.#queueWaits,
      poolBufferAllocations: allocations,
    };
  }

  async #close(): Promise<void> {
    this.#closing = true;
    if (!this.#isIdle()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#closeGraceMs);
        this.#onDrained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#onDrained = null;
    }
    const error = new Error(`pooled store: closed before the read was answered (waited ${this.#closeGraceMs} ms)`);
    for (const read of this.#queue.splice(0)) read.reject(error);
    for (const reader of this.#readers) {
      const batch = reader.inFlight;
      reader.inFlight = null;
      for (const read of batch?.gets ?? []) read.reject(error);
      for (const read of batch?.scans ?? []) read.reject(error);
    }
    await Promise.all(this.#readers.map((reader) => reader.worker.terminate()));
  }

  #enqueue(read: Read): void {
    if (this.#closing) {
      read.reject(new Error('pooled store: read after close()'));
      return;
    }
    this.#queue.push(read);
    this.#scheduleDispatch();
  }

  /** Dispatch once, after the code running now (and the microtasks queued before this) has issued its reads. */
  #scheduleDispatch(): void {
    if (this.#dispatchScheduled) return;
    this.#dispatchScheduled = true;
    queueMicrotask(() => {
      this.#dispatchScheduled = false;
      this.#dispatch();
    });
  }

  #dispatch(): void {
    if (this.#queue.length === 0) return;
    const live = this.#readers.filter((reader) => !reader.failed);
    if (live.length === 0) {
      const queued = this.#queue;
      this.#queue = [];
      const error = this.#failure ?? new Error('pooled store: no reader workers');
      for (const read of queued) read.reject(error);
      this.#notifyIfDrained();
      return;
    }
    const idle: Reader[] = [];
    for (let i = 0; i < live.length; i++) {
      const reader = live[(this.#rotation + i) % live.length]!;
      if (reader.inFlight === null) idle.push(reader);
    }
    this.#rotation = (this.#rotation + 1) % live.length;
    if (idle.length > 0) {
      const share = Math.min(this.#maxBatch, Math.ceil(this.#queue.length / idle.length));
      for (const reader of idle) {
        if (this.#queue.length === 0) break;
        this.#send(reader, this.#queue.splice(0, share));
      }
    }
    for (const read of this.#queue) {
      if (!read.waited) {
        read.waited = true;
        this.#queueWaits += 1;
      }
    }
  }

  #send(reader: Reader, reads: Read[]): void {
    const gets: GetRead[] = [];
    const scans: ScanRead[] = [];
    for (const read of reads) {
      if (read.kind === 'get') gets.push(read);
      else scans.push(read);
    }
    const recycled = reader.recycled;
    reader.recycled = [];
    const message: ReadRequestMessage = {
      type: 'read',
      id: this.#nextId++,
      keys: gets.map((read) => read.key),
      scans: scans.map((read) => read.scan),
      recycled,
    };
    try {
      reader.worker.postMessage(message, recycled);
    } catch (error) {
      // e.g. a key that cannot be cloned: fail these reads, not the worker.
      reader.recycled = recycled;
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const read of reads) read.reject(failure);
      this.#notifyIfDrained();
      return;
    }
    reader.inFlight = { id: message.id, gets, scans };
    reader.worker.ref();
    this.#batches += 1;
    this.#requests += reads.length;
  }

  #onReply(reader: Reader, reply: ReaderReply): void {
    if (reply.type === 'ready') {
      reader.ready = true;
      if (this.#readers.every((r) => r.ready)) this.#onStarted.resolve();
      return;
    }
    const batch = reader.inFlight;
    if (batch === null || batch.id !== reply.id) {
      this.#onFailure(reader, new Error(`protocol error: reply ${reply.id} to batch ${batch?.id ?? 'none'}`));
      return;
    }
    reader.inFlight = null;
    reader.worker.unref();
    if (reply.type === 'error') {
      const error = deserializeError(reply.error, `pooled store: reader worker ${reader.index}`);
      for (const read of batch.gets) read.reject(error);
      for (const read of batch.scans) read.reject(error);
    } else {
      try {
        this.#resolve(batch, reply);
      } catch (error) {
        // An unreadable reply (short buffer, missing scan keys): fail this
        // batch's reads and retire the worker rather than throw out of the
        // message listener, which would take the whole process down.
        reader.inFlight = batch;
        this.#onFailure(reader, new Error(`unreadable reply: ${error instanceof Error ? error.message : String(error)}`));
        return;
      }
      if (reader.recycled.length < MAX_RECYCLED) reader.recycled.push(reply.buffer);
      reader.bufferAllocations = reply.bufferAllocations;
    }
    // Deferred to a microtask so that reads issued by the continuations of
    // the promises just resolved join the next batch.
    this.#scheduleDispatch();
    this.#notifyIfDrained();
  }

  #resolve(batch: InFlight, reply: ReadResultMessage): void {
    let total = batch.gets.length;
    for (const keys of reply.scanKeys) total += keys.length;
    const values = unpackValues(reply.buffer, total);
    batch.gets.forEach((read, i) => read.resolve(values[i]));
    let offset = batch.gets.length;
    batch.scans.forEach((read, s) => {
      const keys = reply.scanKeys[s] ?? [];
      const entries = new Array<Entry>(keys.length);
      for (let j = 0; j < keys.length; j++) entries[j] = { key: keys[j]!, value: values[offset + j]! };
      offset += keys.length;
      read.resolve(entries);
    });
  }

  #onFailure(reader: Reader, cause: unknown): void {
    if (reader.failed) return;
    reader.failed = true;
    const detail = cause instanceof Error ? cause.message : String(cause);
    if (!reader.ready) {
      this.#onStarted.reject(new Error(`pooled store: a reader worker failed to start: ${detail}`, { cause }));
    }
    const error = new Error(`pooled store: reader worker ${reader.index} failed: ${detail}`, { cause });
    this.#failure ??= error;
    const batch = reader.inFlight;
    reader.inFlight = null;
    reader.recycled = [];
    if (batch) {
      for (const read of batch.gets) read.reject(error);
      for (const read of batch.scans) read.reject(error);
    }
    void reader.worker.terminate();
    this.#dispatch(); // hands the queue to the others, or rejects it if none is left
    this.#notifyIfDrained();
  }

  #isIdle(): boolean {
    return this.#queue.length === 0 && this.#readers.every((reader) => reader.inFlight === null);
  }

  #notifyIfDrained(): void {
    if (this.#closing && this.#onDrained && this.#isIdle()) {
      const resolve = this.#onDrained;
      this.#onDrained = null;
      resolve();
    }
  }
}
