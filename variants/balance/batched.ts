/**
 * batched: the same steps as naive, each done in bulk.
 *
 * - Slots: still the generic pedersen, one hash per account (hashing is the
 *   pooled and cached variants' concern), then each slot resolved once to
 *   its storage_addresses id with one reused prepared statement
 *   (slot-ids.ts), so rows are filtered by integer id.
 * - Query: one prepared statement (pathfinder-db.ts LATEST_VALUES) reused
 *   for every token, rows as arrays (`raw`), no joins, no hex.
 *   It won against one IN-list statement for all the tokens at once,
 *     SELECT contract_address_id, storage_address_id, storage_value FROM storage_updates
 *     WHERE rowid IN (SELECT rowid FROM (SELECT rowid, MAX(block_number) FROM storage_updates
 *       WHERE contract_address_id IN (?, ?, ...) GROUP BY contract_address_id, storage_address_id)),
 *   measured on the proposed balance-medium dataset (8 tokens, 181k latest
 *   rows out of 554k updates), 5 alternating rounds on the 2-core machine
 *   while it was busy (load ~2.5): per-token statement 377-552 ms, median
 *   503; IN-list 499-666 ms, median 552. An earlier dataset of the same
 *   shape gave medians 513 and 601. The IN-list sorts one rowid list for all
 *   the tokens and returns a third column, to save 7 statement executions.
 * - Decode: straight from the BLOB bytes (felt.ts decodeFeltBytes), the
 *   words added into the balance sheet in place (latest-balances.ts, which
 *   pooled's workers run too).
 * - Write: the shared writers (outputs.ts), each output in one transaction
 *   or one buffered file write.
 */
import { readSettings } from '../../lib/settings.ts';
import { emptyBalances, type BalanceSheet } from './balance-sheet.ts';
import { addLatestBalances, type LatestBalancesTally } from './latest-balances.ts';
import { writeAllOutputs } from './outputs.ts';
import { openPathfinderReadOnly, prepareLatestValues } from './pathfinder-db.ts';
import type { BalancePipeline, PipelineInput, PipelineResult } from './pipeline.ts';
import { pipelineResult } from './pipeline-result.ts';
import { prepareRun } from './run-input.ts';
import { resolveContractIds, resolveSlotIds } from './slot-ids.ts';
import { balanceSlot } from './slots.ts';

const BATCHED_SETTINGS = {} as const;

async function run(input: PipelineInput): Promise<PipelineResult> {
  readSettings('batched balance pipeline', input.settings, BATCHED_SETTINGS);
  const { dbPath, tokens, accounts, outputs } = prepareRun('batched', input);

  let started = performance.now();
  const lows = accounts.map((account) => balanceSlot(account).low);
  const slotMappingMs = performance.now() - started;

  const balances = emptyBalances(tokens, accounts);
  let lookupMs: number;
  let tally: LatestBalancesTally;
  const db = openPathfinderReadOnly(dbPath);
  try {
    started = performance.now();
    const contractIds = resolveContractIds(db, tokens);
    const codes = resolveSlotIds(db, lows);
    const latest = prepareLatestValues(db);
    lookupMs = performance.now() - started;
    tally = addLatestBalances(latest, contractIds, codes, balances, accounts.length);
  } finally {
    db.close();
  }

  const sheet: BalanceSheet = { tokens, accounts, balances };
  const writeMs = writeAllOutputs(sheet, outputs);
  const { rowsScanned, unmapped, queryMs, filterDecodeMs } = tally;
  return pipelineResult(
    sheet, outputs, { rowsScanned, unmapped, hashes: accounts.length },
    { slotMappingMs, queryMs: lookupMs + queryMs, filterDecodeMs, writeMs },
  );
}

export const batched: BalancePipeline = {
  name: 'batched',
  settings: BATCHED_SETTINGS,
  description: 'slot ids resolved once, one prepared latest-value statement reused across tokens, raw rows decoded from BLOB bytes, bulk output writes',
  run,
};
