/**
 * The reference row of the balance report: the bare latest-value query for
 * the same tokens on the same database, timed, with nothing of the pipeline
 * around it (no slots, no filter, no decoding, no outputs). The best
 * variant's time over this one is the pipeline's own overhead.
 *
 * It runs exactly the statement the batched, pooled and cached variants run
 * (pathfinder-db.ts LATEST_VALUES), on the same kind of connection, and
 * steps through every row the way batched does (`raw().all()`), so the
 * difference is the pipeline and not another query plan.
 */
import { feltToBytes } from '../../../variants/balance/felt.ts';
import { CONTRACT_ID, LATEST_VALUES, openPathfinderReadOnly } from '../../../variants/balance/pathfinder-db.ts';

export interface ReferenceQueryResult {
  /** Rows the query returned over all the tokens. */
  readonly rows: number;
  /** Tokens that have a contract_addresses row (the others return nothing). */
  readonly tokensFound: number;
  /** Contract id lookups and the latest-value queries, opening the connection excluded. */
  readonly queryMs: number;
}

export function runReferenceQuery(dbPath: string, tokens: readonly bigint[]): ReferenceQueryResult {
  const db = openPathfinderReadOnly(dbPath);
  try {
    const contractId = db.prepare<[Buffer], number>(CONTRACT_ID).pluck();
    const latest = db.prepare<[number], unknown[]>(LATEST_VALUES).raw(true);
    const started = performance.now();
    let rows = 0;
    let tokensFound = 0;
    for (const token of new Set(tokens)) {
      const id = contractId.get(feltToBytes(token));
      if (id === undefined) continue;
      tokensFound++;
      rows += latest.all(id).length;
    }
    return { rows, tokensFound, queryMs: performance.now() - started };
  } finally {
    db.close();
  }
}
