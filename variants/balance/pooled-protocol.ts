/**
 * Messages between the pooled variant (pooled.ts) and its worker threads
 * (pooled-worker.ts). Structured clone carries bigints and typed arrays as
 * they are, so no encoding is needed.
 */
import type { BalanceSheet } from './balance-sheet.ts';
import type { OutputKind } from './outputs.ts';

export interface PooledWorkerData {
  readonly dbPath: string;
}

/** Hash a contiguous share of the accounts and resolve their slots to storage ids. */
export interface SlotsRequest {
  readonly type: 'slots';
  readonly id: number;
  readonly accounts: readonly bigint[];
  /** Index of accounts[0] in the sorted account list (codes are global). */
  readonly firstIndex: number;
}

export interface SlotsReply {
  readonly type: 'slots';
  readonly id: number;
  /** Parallel arrays: storage id -> code (account index * 2 + word), for the slots that exist. */
  readonly storageIds: Float64Array;
  readonly codes: Int32Array;
  readonly hashes: number;
}

/** Compute the balances of some tokens, given every mapped slot. */
export interface BalancesRequest {
  readonly type: 'balances';
  readonly id: number;
  readonly tokens: readonly bigint[];
  readonly accountCount: number;
  readonly storageIds: Float64Array;
  readonly codes: Int32Array;
}

export interface BalancesReply {
  readonly type: 'balances';
  readonly id: number;
  /** tokens.length x accountCount balances, in request order. */
  readonly balances: bigint[];
  readonly rowsScanned: number;
  readonly unmapped: number;
  readonly queryMs: number;
  readonly filterDecodeMs: number;
}

export interface WriteRequest {
  readonly type: 'write';
  readonly id: number;
  readonly kind: OutputKind;
  readonly sheet: BalanceSheet;
  readonly file: string;
}

export interface WriteReply {
  readonly type: 'write';
  readonly id: number;
}

export interface ErrorReply {
  readonly type: 'error';
  readonly id: number;
  readonly message: string;
  readonly stack?: string;
}

export interface ReadyReply {
  readonly type: 'ready';
}

export type PooledRequest = SlotsRequest | BalancesRequest | WriteRequest;
export type PooledReply = SlotsReply | BalancesReply | WriteReply | ErrorReply | ReadyReply;
