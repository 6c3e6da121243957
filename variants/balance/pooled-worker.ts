/**
 * A worker thread of the pooled variant: its own read-only connection to the
 * Pathfinder database, answering one request at a time (pooled-protocol.ts).
 * The connection is opened before the thread says it is ready, so a bad
 * database fails the run before any work is handed out.
 */
import { parentPort } from 'node:worker_threads';
import { tsWorkerData } from '../../lib/ts-worker.ts';
import { addLatestBalances } from './latest-balances.ts';
import { writeOutput } from './outputs.ts';
import { openPathfinderReadOnly, prepareLatestValues } from './pathfinder-db.ts';
import type {
  BalancesReply, BalancesRequest, PooledReply, PooledRequest, PooledWorkerData, SlotsReply, SlotsRequest,
} from './pooled-protocol.ts';
import { resolveContractIds, resolveSlotIds } from './slot-ids.ts';
import { balanceSlot } from './slots.ts';

const port = parentPort;
if (!port) throw new Error('pooled-worker.ts runs only as a worker thread (see pooled.ts)');

const db = openPathfinderReadOnly(tsWorkerData<PooledWorkerData>().dbPath);
const latest = prepareLatestValues(db);

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

/** batched's query and decode (latest-balances.ts) over this worker's tokens. */
function balances(request: BalancesRequest): BalancesReply {
  const started = performance.now();
  const codes = new Map<number, number>();
  request.storageIds.forEach((storageId, i) => codes.set(storageId, request.codes[i]!));
  const contractIds = resolveContractIds(db, request.tokens);
  const lookupMs = performance.now() - started;
  const result = new Array<bigint>(request.tokens.length * request.accountCount).fill(0n);
  const { rowsScanned, unmapped, queryMs, filterDecodeMs } = addLatestBalances(latest, contractIds, codes, result, request.accountCount);
  return { type: 'balances', id: request.id, balances: result, rowsScanned, unmapped, queryMs: lookupMs + queryMs, filterDecodeMs };
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
