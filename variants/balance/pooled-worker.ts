/**
 * A worker thread of the pooled variant: its own read-only connection to the
 * Pathfinder database, answering one request at a time (pooled-protocol.ts).
 * The connection is opened before the thread says it is ready, so a bad
 * database fails the run before any work is handed out.
 */
import { parentPort } from 'node:worker_threads';
import { tsWorkerData } from '../../lib/ts-worker.ts';
import { decodeFeltBytes } from './felt.ts';
import { writeOutput } from './outputs.ts';
import { LATEST_VALUES, openPathfinderReadOnly } from './pathfinder-db.ts';
import type {
  BalancesReply, BalancesRequest, PooledReply, PooledRequest, PooledWorkerData, SlotsReply, SlotsRequest,
} from './pooled-protocol.ts';
import { resolveContractIds, resolveSlotIds } from './slot-ids.ts';
import { balanceSlot } from './slots.ts';

type LatestRow = [storageAddressId: number, storageValue: Buffer];

const port = parentPort;
if (!port) throw new Error('pooled-worker.ts runs only as a worker thread (see pooled.ts)');

const db = openPathfinderReadOnly(tsWorkerData<PooledWorkerData>().dbPath);
const latest = db.prepare<[number], LatestRow>(LATEST_VALUES).raw(true);

function slots(request: SlotsRequest): SlotsReply {
  const lows = request.accounts.map((account) => balanceSlot(account).low);
  const found = resolveSlotIds(db, lows);
  const storageIds = new Float64Array(found.size);
  const codes = new Int32Array(found.size);
  let i = 0;
  for (const [storageId, code] of found) {
    storageIds[i] = storageId;
    codes[i++] = code + request.firstIndex * 2;
  }
  return { type: 'slots', id: request.id, storageIds, codes, hashes: lows.length };
}

function balances(request: BalancesRequest): BalancesReply {
  let started = performance.now();
  const codes = new Map<number, number>();
  request.storageIds.forEach((storageId, i) => codes.set(storageId, request.codes[i]!));
  const contractIds = resolveContractIds(db, request.tokens);
  let queryMs = performance.now() - started;
  let filterDecodeMs = 0;
  const result = new Array<bigint>(request.tokens.length * request.accountCount).fill(0n);
  let rowsScanned = 0;
  let unmapped = 0;
  contractIds.forEach((contractId, t) => {
    if (contractId === undefined) return;
    started = performance.now();
    const rows = latest.all(contractId);
    queryMs += performance.now() - started;
    started = performance.now();
    const base = t * request.accountCount;
    for (const [storageId, value] of rows) {
      const code = codes.get(storageId);
      if (code === undefined) {
        unmapped++;
        continue;
      }
      const word = decodeFeltBytes(value);
      result[base + (code >> 1)]! += (code & 1) === 0 ? word : word << 128n;
    }
    rowsScanned += rows.length;
    filterDecodeMs += performance.now() - started;
  });
  return { type: 'balances', id: request.id, balances: result, rowsScanned, unmapped, queryMs, filterDecodeMs };
}

function answer(request: PooledRequest): PooledReply {
  try {
    if (request.type === 'slots') return slots(request);
    if (request.type === 'balances') return balances(request);
    writeOutput(request.kind, request.sheet, request.file);
    return { type: 'write', id: request.id };
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    return { type: 'error', id: request.id, message, ...(stack === undefined ? {} : { stack }) };
  }
}

port.on('message', (request: PooledRequest) => port.postMessage(answer(request)));
port.on('close', () => db.close());
port.postMessage({ type: 'ready' } satisfies PooledReply);
