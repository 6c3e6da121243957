/**
 * Latest-value rows into balances, as batched does it and as each of pooled's
 * workers does it for its share of the tokens: per token, one run of the
 * prepared LATEST_VALUES statement, then every row kept by its slot code
 * (slot-ids.ts), decoded straight from its BLOB bytes (felt.ts
 * decodeFeltBytes) and added into the sheet in place.
 *
 * Adding, not setting: a slot's word arrives once per token, and the low and
 * high words of one balance arrive in any order.
 */
import { decodeFeltBytes } from './felt.ts';
import type { LatestValuesStatement } from './pathfinder-db.ts';

/** Adds a mapped row's word into its balance: code >> 1 is the account's index, code & 1 the word (high: shifted by 128 bits). */
export function addWord(balances: bigint[], base: number, code: number, word: bigint): void {
  balances[base + (code >> 1)]! += (code & 1) === 0 ? word : word << 128n;
}

export interface LatestBalancesTally {
  /** Rows the statement returned. */
  readonly rowsScanned: number;
  /** Of those, rows at no requested slot. */
  readonly unmapped: number;
  /** Running the statement, stepping through its rows. */
  readonly queryMs: number;
  /** Keeping mapped rows, decoding and adding their words. */
  readonly filterDecodeMs: number;
}

/**
 * Adds the latest values of each token with storage (`contractIds[t]`;
 * undefined: every balance stays zero) into `balances`, token t's accounts
 * from t * accountCount on. Query and decode are timed apart, per token.
 */
export function addLatestBalances(
  latest: LatestValuesStatement,
  contractIds: readonly (number | undefined)[],
  codes: ReadonlyMap<number, number>,
  balances: bigint[],
  accountCount: number,
): LatestBalancesTally {
  let queryMs = 0;
  let filterDecodeMs = 0;
  let rowsScanned = 0;
  let unmapped = 0;
  for (let t = 0; t < contractIds.length; t++) {
    const contractId = contractIds[t];
    if (contractId === undefined) continue;
    let started = performance.now();
    const rows = latest.all(contractId);
    queryMs += performance.now() - started;

    started = performance.now();
    const base = t * accountCount;
    for (const [storageId, value] of rows) {
      const code = codes.get(storageId);
      if (code === undefined) {
        unmapped++;
        continue;
      }
      addWord(balances, base, code, decodeFeltBytes(value));
    }
    rowsScanned += rows.length;
    filterDecodeMs += performance.now() - started;
  }
  return { rowsScanned, unmapped, queryMs, filterDecodeMs };
}
