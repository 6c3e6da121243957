/**
 * A reader worker of the pooled store: one read-only connection to the WAL
 * database, answering batches of gets and scans (reader-protocol.ts).
 *
 * Each statement runs in its own implicit read transaction, which in WAL mode
 * sees every transaction committed before it started
 * (https://sqlite.org/wal.html#concurrency). The main thread commits
 * synchronously before it posts any later request, so a read requested after
 * a commit always sees it.
 */
import { parentPort } from 'node:worker_threads';
import { BufferPool } from './buffer-pool.ts';
import { KvReadStatements } from './kv-statements.ts';
import { openKvReader } from './kv-table.ts';
import {
  fromScanRequest, packValues, serializeError,
  type ReadRequestMessage, type ReaderConfig, type ReaderReply,
} from './reader-protocol.ts';
import { tsWorkerData } from '../../lib/ts-worker.ts';

const port = parentPort;
if (!port) throw new Error('pooled-reader.ts runs only as a worker thread (see reader-pool.ts)');

const config = tsWorkerData<ReaderConfig>();
const db = openKvReader(config.databaseFile);
const reads = new KvReadStatements(db);
const pool = new BufferPool();

function answer(request: ReadRequestMessage): void {
  for (const buffer of request.recycled) pool.release(buffer);
  try {
    const values: (Uint8Array | undefined)[] = request.keys.map((key) => reads.get(key));
    const scanKeys = request.scans.map((scan) => {
      const { range, rowLimit } = fromScanRequest(scan);
      const rows = reads.scan(range, rowLimit);
      for (const row of rows) values.push(row.value);
      return rows.map((row) => row.key);
    });
    const buffer = packValues(values, pool);
    const reply: ReaderReply = { type: 'result', id: request.id, buffer, scanKeys, bufferAllocations: pool.allocations };
    port!.postMessage(reply, [buffer]);
  } catch (error) {
    const reply: ReaderReply = { type: 'error', id: request.id, error: serializeError(error) };
    port!.postMessage(reply);
  }
}

port.on('message', (message: ReadRequestMessage) => answer(message));
port.postMessage({ type: 'ready' } satisfies ReaderReply);
