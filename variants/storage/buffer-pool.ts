/**
 * A pool of ArrayBuffers for reader-worker replies.
 *
 * A worker packs a whole batch of values into one ArrayBuffer and transfers
 * it to the main thread (a transfer moves ownership without copying). The
 * main thread copies the values out and transfers the buffer back with its
 * next request, where it lands here for reuse. In steady state no reply
 * allocates: the same few buffers shuttle between the threads, and the
 * garbage collector sees neither a fresh buffer per batch nor external memory
 * pressure from them.
 */
export interface BufferPoolOptions {
  /** Smallest buffer allocated, so small batches of varying size share buffers. */
  readonly minBytes?: number;
  /** Free buffers kept; more are dropped for the GC. */
  readonly maxFree?: number;
  /** Buffers larger than this are not kept (one huge scan should not pin its memory forever). */
  readonly maxRetainedBytes?: number;
}

export class BufferPool {
  readonly #free: ArrayBuffer[] = [];
  readonly #minBytes: number;
  readonly #maxFree: number;
  readonly #maxRetainedBytes: number;
  #allocations = 0;
  #reuses = 0;

  constructor(options: BufferPoolOptions = {}) {
    this.#minBytes = options.minBytes ?? 64 * 1024;
    this.#maxFree = options.maxFree ?? 4;
    this.#maxRetainedBytes = options.maxRetainedBytes ?? 16 * 1024 * 1024;
  }

  /** A buffer of at least `bytes` bytes: the smallest free one that fits, else a new one rounded up to a power of two. */
  acquire(bytes: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.#free.length; i++) {
      const size = this.#free[i]!.byteLength;
      if (size >= bytes && (best < 0 || size < this.#free[best]!.byteLength)) best = i;
    }
    if (best >= 0) {
      this.#reuses += 1;
      return this.#free.splice(best, 1)[0]!;
    }
    this.#allocations += 1;
    return new ArrayBuffer(roundUpToPowerOfTwo(Math.max(bytes, this.#minBytes)));
  }

  /** Returns a buffer for reuse. Detached (zero-length) buffers are ignored. */
  release(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0 || buffer.byteLength > this.#maxRetainedBytes) return;
    if (this.#free.length >= this.#maxFree) return;
    this.#free.push(buffer);
  }

  /** Buffers ever allocated. */
  get allocations(): number {
    return this.#allocations;
  }

  /** Acquisitions served from the free list. */
  get reuses(): number {
    return this.#reuses;
  }
}

function roundUpToPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(n));
}
