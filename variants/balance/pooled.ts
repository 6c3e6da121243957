/**
 * pooled: the work spread over worker threads, each with its own read-only
 * connection (pooled-worker.ts).
 *
 * 1. Slot mapping: the accounts are cut into one contiguous share per
 *    worker; each hashes its share with the generic pedersen (as batched,
 *    so the gain shown is the parallelism) and resolves the slots to
 *    storage ids on its own connection.
 * 2. Query and decode: the tokens are dealt round-robin to the workers,
 *    each of which runs the latest-value statement for its tokens and
 *    returns their balances.
 * 3. Write: the three outputs at once, CSV and JSON in two workers and
 *    SQLite on the main thread, each with the shared writer.
 *
 * Stage times are wall times of these phases. Starting the workers (a
 * thread, tsx's loader, @scure/starknet and better-sqlite3 in each) happens
 * before phase 1 and is counted in slotMappingMs. Phase 2's wall time is
 * split between queryMs and filterDecodeMs in the proportion the workers
 * measured for each.
 *
 * Setting `workers`: threads to start (default: the machine's available
 * parallelism, at most 4; SQLite readers scale until the cores run out).
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { readSettings } from '../../lib/settings.ts';
import { startTsWorker } from '../../lib/ts-worker.ts';
import type { BalanceSheet } from './balance-sheet.ts';
import { writeSqlite, type OutputKind } from './outputs.ts';
import { openPathfinderReadOnly } from './pathfinder-db.ts';
import type { BalancePipeline, PipelineInput, PipelineResult } from './pipeline.ts';
import type {
  BalancesReply, PooledReply, PooledRequest, PooledWorkerData, SlotsReply, WriteReply,
} from './pooled-protocol.ts';
import { pipelineResult } from './pipeline-result.ts';
import { prepareRun } from './run-input.ts';

const WORKER_ENTRY = new URL('./pooled-worker.ts', import.meta.url);

/** A request before the set numbers it (Omit distributed over the union). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

type Pending = { resolve: (reply: PooledReply) => void; reject: (error: Error) => void };

/** Started workers, each answering one request at a time; any failure rejects what it was answering. */
class WorkerSet {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closing = false;

  private constructor(workers: Worker[]) {
    this.#workers = workers;
  }

  get size(): number {
    return this.#workers.length;
  }

  static async start(count: number, data: PooledWorkerData): Promise<WorkerSet> {
    const workers = Array.from({ length: count }, () => startTsWorker(WORKER_ENTRY, data));
    const set = new WorkerSet(workers);
    try {
      await Promise.all(workers.map((worker) => set.#watch(worker)));
    } catch (error) {
      await set.close();
      throw error;
    }
    return set;
  }

  /** Resolves on the worker's ready message; afterwards routes its replies and failures. */
  #watch(worker: Worker): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void => {
        reject(error);
        if (this.#closing) return;
        for (const pending of this.#pending.values()) pending.reject(error);
        this.#pending.clear();
      };
      worker.on('message', (reply: PooledReply) => {
        if (reply.type === 'ready') return resolve();
        const pending = this.#pending.get(reply.id);
        if (pending === undefined) return;
        this.#pending.delete(reply.id);
        if (reply.type === 'error') {
          const error = new Error(`pooled worker: ${reply.message}`);
          if (reply.stack !== undefined) error.stack = reply.stack;
          pending.reject(error);
        } else pending.resolve(reply);
      });
      worker.on('error', (error) => fail(error));
      worker.on('messageerror', (error) => fail(error));
      worker.on('exit', (code) => {
        if (!this.#closing) fail(new Error(`pooled worker exited with code ${code}`));
      });
    });
  }

  request<R extends PooledReply>(worker: number, request: Unnumbered<PooledRequest>): Promise<R> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (reply: PooledReply) => void, reject });
      this.#workers[worker]!.postMessage({ ...request, id });
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}

/** Splits `items` into `parts` contiguous shares (the first ones one longer when it does not divide). */
function contiguousShares<T>(items: readonly T[], parts: number): { start: number; items: T[] }[] {
  const shares: { start: number; items: T[] }[] = [];
  let start = 0;
  for (let part = 0; part < parts; part++) {
    const length = Math.floor(items.length / parts) + (part < items.length % parts ? 1 : 0);
    shares.push({ start, items: items.slice(start, start + length) });
    start += length;
  }
  return shares;
}

const POOLED_SETTINGS = {
  workers: { default: Math.min(4, os.availableParallelism()), min: 1, max: 64, integer: true, meaning: 'worker threads' },
} as const;

async function run(input: PipelineInput): Promise<PipelineResult> {
  const settings = readSettings('pooled balance pipeline', input.settings, POOLED_SETTINGS);
  const { dbPath, tokens, accounts, outputs } = prepareRun('pooled', input);
  // Checked here too, so a wrong database fails with PathfinderSchemaError rather than a worker's copy of it.
  openPathfinderReadOnly(dbPath).close();

  let started = performance.now();
  const workers = await WorkerSet.start(Math.min(settings.workers, Math.max(accounts.length, tokens.length)), { dbPath });
  try {
    const slotReplies = await Promise.all(
      contiguousShares(accounts, workers.size).map((share, w) =>
        workers.request<SlotsReply>(w, { type: 'slots', accounts: share.items, firstIndex: share.start }),
      ),
    );
    const mappedCount = slotReplies.reduce((sum, reply) => sum + reply.codes.length, 0);
    const storageIds = new Float64Array(mappedCount);
    const codes = new Int32Array(mappedCount);
    let offset = 0;
    for (const reply of slotReplies) {
      storageIds.set(reply.storageIds, offset);
      codes.set(reply.codes, offset);
      offset += reply.codes.length;
    }
    const hashes = slotReplies.reduce((sum, reply) => sum + reply.hashes, 0);
    const slotMappingMs = performance.now() - started;

    started = performance.now();
    const tokenShares = Array.from({ length: workers.size }, (_, w) => tokens.map((_, t) => t).filter((t) => t % workers.size === w));
    const balanceReplies = await Promise.all(
      tokenShares.map((share, w) =>
        workers.request<BalancesReply>(w, {
          type: 'balances',
          tokens: share.map((t) => tokens[t]!),
          accountCount: accounts.length,
          storageIds,
          codes,
        }),
      ),
    );
    const balances = new Array<bigint>(tokens.length * accounts.length);
    let rowsScanned = 0;
    let unmapped = 0;
    let workerQueryMs = 0;
    let workerDecodeMs = 0;
    balanceReplies.forEach((reply, w) => {
      tokenShares[w]!.forEach((t, i) => {
        for (let a = 0; a < accounts.length; a++) balances[t * accounts.length + a] = reply.balances[i * accounts.length + a]!;
      });
      rowsScanned += reply.rowsScanned;
      unmapped += reply.unmapped;
      workerQueryMs += reply.queryMs;
      workerDecodeMs += reply.filterDecodeMs;
    });
    const phaseMs = performance.now() - started;
    const queryShare = workerQueryMs + workerDecodeMs === 0 ? 1 : workerQueryMs / (workerQueryMs + workerDecodeMs);

    started = performance.now();
    const sheet: BalanceSheet = { tokens, accounts, balances };
    const inWorker = (kind: OutputKind, w: number): Promise<WriteReply> =>
      workers.request<WriteReply>(w, { type: 'write', kind, sheet, file: outputs[kind] });
    const written = Promise.all([inWorker('csv', 0), inWorker('json', 1 % workers.size)]);
    written.catch(() => undefined); // awaited below; keeps a worker's failure from going unhandled if writeSqlite throws first
    writeSqlite(sheet, outputs.sqlite);
    await written;
    const writeMs = performance.now() - started;

    return pipelineResult(
      sheet, outputs, { rowsScanned, unmapped, hashes, counters: { workers: workers.size } },
      { slotMappingMs, queryMs: phaseMs * queryShare, filterDecodeMs: phaseMs * (1 - queryShare), writeMs },
    );
  } finally {
    await workers.close();
  }
}

export const pooled: BalancePipeline = {
  name: 'pooled',
  settings: POOLED_SETTINGS,
  description: 'worker threads with their own read-only connections split the slot hashing and the tokens; the three outputs written in parallel',
  run,
};
