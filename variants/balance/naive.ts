/**
 * naive: the pipeline as a first attempt would write it, the baseline the
 * other variants must beat.
 *
 * - The slot map is rebuilt on every run with @scure/starknet's generic
 *   pedersen (~2-3 ms an account), keyed by hex text.
 * - One query per token, prepared on every call, through both joins: the
 *   latest block of each storage address by GROUP BY / MAX(block_number) in a
 *   derived table, joined back to storage_updates to fetch that row's value,
 *   with addresses and values returned as hex text (SQL's hex()).
 * - Every row is parsed from hex text: the address to look it up, the value
 *   with BigInt('0x...').
 * - The outputs are written one after the other.
 *
 * It is still correct, and writes the same bytes as every other variant.
 */
import { readSettings } from '../../lib/settings.ts';
import { emptyBalances, type BalanceSheet } from './balance-sheet.ts';
import { feltToBytes, feltToHex } from './felt.ts';
import { writeAllOutputs } from './outputs.ts';
import { openPathfinderReadOnly } from './pathfinder-db.ts';
import type { BalancePipeline, PipelineInput, PipelineResult } from './pipeline.ts';
import { pipelineResult } from './pipeline-result.ts';
import { prepareRun } from './run-input.ts';
import { balanceSlot } from './slots.ts';

/** Parameters: the token's contract address, twice (outer query and derived table). */
const LATEST_VALUES_HEX = `
SELECT hex(sa.storage_address) AS storage_address, hex(su.storage_value) AS storage_value
FROM storage_updates su
JOIN contract_addresses ca ON ca.id = su.contract_address_id
JOIN storage_addresses sa ON sa.id = su.storage_address_id
JOIN (
  SELECT su2.storage_address_id, MAX(su2.block_number) AS max_block
  FROM storage_updates su2
  JOIN contract_addresses ca2 ON ca2.id = su2.contract_address_id
  WHERE ca2.contract_address = ?
  GROUP BY su2.storage_address_id
) latest ON latest.storage_address_id = su.storage_address_id AND latest.max_block = su.block_number
WHERE ca.contract_address = ?`;

interface SlotOwner {
  readonly account: string;
  readonly word: 'low' | 'high';
}

interface Words {
  low: bigint;
  high: bigint;
}

const NAIVE_SETTINGS = {} as const;

async function run(input: PipelineInput): Promise<PipelineResult> {
  readSettings('naive balance pipeline', input.settings, NAIVE_SETTINGS);
  const { dbPath, tokens, accounts, outputs } = prepareRun('naive', input);

  let started = performance.now();
  // Keyed the way SQL's hex() prints a 32-byte address: 64 upper-case digits, no prefix.
  const hexKey = (value: bigint): string => value.toString(16).padStart(64, '0').toUpperCase();
  const owners = new Map<string, SlotOwner>();
  for (const account of accounts) {
    const slot = balanceSlot(account);
    owners.set(hexKey(slot.low), { account: feltToHex(account), word: 'low' });
    owners.set(hexKey(slot.high), { account: feltToHex(account), word: 'high' });
  }
  const slotMappingMs = performance.now() - started;

  let queryMs = 0;
  let filterDecodeMs = 0;
  let rowsScanned = 0;
  let unmapped = 0;
  const wordsByToken = new Map<string, Map<string, Words>>();
  const db = openPathfinderReadOnly(dbPath);
  try {
    for (const token of tokens) {
      started = performance.now();
      const address = feltToBytes(token);
      const rows = db.prepare(LATEST_VALUES_HEX).all(address, address) as { storage_address: string; storage_value: string }[];
      queryMs += performance.now() - started;

      started = performance.now();
      const words = new Map<string, Words>();
      for (const row of rows) {
        rowsScanned++;
        const owner = owners.get(row.storage_address);
        if (owner === undefined) {
          unmapped++;
          continue;
        }
        const value = row.storage_value === '' ? 0n : BigInt(`0x${row.storage_value}`);
        const entry = words.get(owner.account) ?? { low: 0n, high: 0n };
        entry[owner.word] = value;
        words.set(owner.account, entry);
      }
      wordsByToken.set(feltToHex(token), words);
      filterDecodeMs += performance.now() - started;
    }
  } finally {
    db.close();
  }

  started = performance.now();
  const balances = emptyBalances(tokens, accounts);
  let cell = 0;
  for (const token of tokens) {
    const words = wordsByToken.get(feltToHex(token))!;
    for (const account of accounts) {
      const entry = words.get(feltToHex(account));
      balances[cell++] = entry === undefined ? 0n : entry.high * 2n ** 128n + entry.low;
    }
  }
  filterDecodeMs += performance.now() - started;

  const sheet: BalanceSheet = { tokens, accounts, balances };
  const writeMs = writeAllOutputs(sheet, outputs);
  return pipelineResult(sheet, outputs, { rowsScanned, unmapped, hashes: accounts.length }, { slotMappingMs, queryMs, filterDecodeMs, writeMs });
}

export const naive: BalancePipeline = {
  name: 'naive',
  settings: NAIVE_SETTINGS,
  description: 'slot map rebuilt with the generic pedersen every run, one GROUP BY/MAX join query per token prepared per call, hex text parsing, outputs one after another',
  run,
};
