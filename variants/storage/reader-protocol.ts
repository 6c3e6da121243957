/**
 * Messages between the pooled store (main thread) and its reader workers.
 *
 * One request message carries a whole batch of reads: point lookups and
 * scans. One reply answers it: every value packed into a single transferred
 * ArrayBuffer (see buffer-pool.ts) laid out as
 *
 *   [ Int32 length per value, -1 for "absent" ][ value bytes, back to back ]
 *
 * with the get results first, then each scan's rows in order. Keys of scan
 * rows travel as strings (structured clone copies them natively, fast for
 * short strings). Buffers the main thread is done with ride back to the
 * worker in the `recycled` field of its next request.
 */
import type { BufferPool } from './buffer-pool.ts';
import type { KeyRange } from './key-order.ts';

/** What a worker needs to open its connection (passed as workerData). */
export interface ReaderConfig {
  readonly databaseFile: string;
}

/** A scan as sent to a worker: the range and how many committed rows to fetch (-1: all). */
export interface ScanRequest {
  readonly lower: string;
  readonly upper: string | null;
  readonly rowLimit: number;
}

export function toScanRequest(range: KeyRange, rowLimit: number | undefined): ScanRequest {
  return { lower: range.lower, upper: range.upper ?? null, rowLimit: rowLimit ?? -1 };
}

export function fromScanRequest(request: ScanRequest): { range: KeyRange; rowLimit: number | undefined } {
  return {
    range: { lower: request.lower, upper: request.upper ?? undefined, limit: undefined },
    rowLimit: request.rowLimit < 0 ? undefined : request.rowLimit,
  };
}

export interface ReadRequestMessage {
  readonly type: 'read';
  readonly id: number;
  readonly keys: readonly string[];
  readonly scans: readonly ScanRequest[];
  /** Reply buffers coming back for reuse (in the transfer list). */
  readonly recycled: readonly ArrayBuffer[];
}

export interface ReadyMessage {
  readonly type: 'ready';
}

export interface ReadResultMessage {
  readonly type: 'result';
  readonly id: number;
  /** The packed values (transferred). */
  readonly buffer: ArrayBuffer;
  /** Keys of each scan's rows, one array per scan request. */
  readonly scanKeys: readonly (readonly string[])[];
  /** The worker's BufferPool allocations so far (shows whether recycling works). */
  readonly bufferAllocations: number;
}

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export interface ReadErrorMessage {
  readonly type: 'error';
  readonly id: number;
  readonly error: SerializedError;
}

export type ReaderReply = ReadyMessage | ReadResultMessage | ReadErrorMessage;

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError, context: string): Error {
  const result = new Error(`${context}: ${error.message}`);
  result.name = error.name;
  if (error.stack) result.stack = `${result.name}: ${result.message}\n    [in reader worker] ${error.stack}`;
  return result;
}

/** Packs `values` (undefined = absent) into a pooled buffer in the layout above. */
export function packValues(values: readonly (Uint8Array | undefined)[], pool: BufferPool): ArrayBuffer {
  const count = values.length;
  let bytes = 4 * count;
  for (const value of values) if (value !== undefined) bytes += value.byteLength;
  const buffer = pool.acquire(bytes);
  const lengths = new Int32Array(buffer, 0, count);
  const data = new Uint8Array(buffer);
  let offset = 4 * count;
  for (let i = 0; i < count; i++) {
    const value = values[i];
    if (value === undefined) {
      lengths[i] = -1;
    } else {
      lengths[i] = value.byteLength;
      data.set(value, offset);
      offset += value.byteLength;
    }
  }
  return buffer;
}

/**
 * Copies `count` values out of a packed buffer. Copies, not views: the
 * buffer goes back to the worker and will be overwritten.
 */
export function unpackValues(buffer: ArrayBuffer, count: number): (Uint8Array | undefined)[] {
  const lengths = new Int32Array(buffer, 0, count);
  const data = new Uint8Array(buffer);
  const values = new Array<Uint8Array | undefined>(count);
  let offset = 4 * count;
  for (let i = 0; i < count; i++) {
    const length = lengths[i]!;
    if (length < 0) {
      values[i] = undefined;
    } else {
      values[i] = data.slice(offset, offset + length);
      offset += length;
    }
  }
  return values;
}
