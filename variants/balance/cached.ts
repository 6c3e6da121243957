/**
 * cached: batched's queries, with every repeatable cost kept or avoided.
 *
 * - Slots come from a persistent slot cache (slot-cache.ts, in
 *   `input.slotCacheDir`), so a repeat run over the same accounts hashes
 *   nothing; misses are hashed with the fixed-first-argument pedersen
 *   (fast-pedersen.ts, an order of magnitude faster than the generic call)
 *   and appended to the cache.
 * - A blocked Bloom filter of the mapped storage ids (id-bloom-filter.ts)
 *   sits in front of the id -> account map: rows that are nobody's balance
 *   are turned away by one cache line instead of a map probe. The `bloom`
 *   setting (1 by default, 0 to go straight to the map) exists to measure it.
 * - Rows stream from the statement (`iterate`) straight into the balance
 *   sheet: no row arrays, no per-token maps, nothing collected in between.
 *
 * Stage times: query and filter/decode happen in one loop, so timing each
 * row would cost more than the work (two clock reads, ~100 ns each, against
 * a few hundred ns of decoding). One row in 64 is timed instead, and the
 * filter/decode time is the median sampled row times the rows; the query
 * time is the rest of the loop. The median, not the mean, because a GC pause
 * that lands in one sampled row would otherwise count 64 times (seen: a
 * 330 ms estimate for a 40 ms stage).
 *
 * What the Bloom filter buys, measured on balance-medium (4,000 mapped ids,
 * 172k of 181k rows unmapped, warm slot cache, 4 alternating runs each):
 * nothing measurable, filter/decode 20-58 ms either way, in no order. A map of a
 * few thousand ids sits in the CPU caches, so its probe is as cheap as the
 * filter's; the filter pays when the map outgrows them (hundreds of
 * thousands of requested accounts), which these scenarios do not reach.
 */
import { readSettings } from '../../lib/settings.ts';
import { emptyBalances, type BalanceSheet } from './balance-sheet.ts';
import { fastBalanceSlot } from './fast-pedersen.ts';
import { decodeFeltBytes } from './felt.ts';
import { IdBloomFilter } from './id-bloom-filter.ts';
import { addWord } from './latest-balances.ts';
import { writeAllOutputs } from './outputs.ts';
import { openPathfinderReadOnly, prepareLatestValues } from './pathfinder-db.ts';
import type { BalancePipeline, PipelineInput, PipelineResult } from './pipeline.ts';
import { pipelineResult } from './pipeline-result.ts';
import { prepareRun } from './run-input.ts';
import { SlotCache } from './slot-cache.ts';
import { resolveContractIds, resolveSlotIds } from './slot-ids.ts';

/** One row in SAMPLE_EVERY is timed (a power of two: the test is a mask). */
const SAMPLE_EVERY = 64;

const CACHED_SETTINGS = {
  bloom: { default: 1, min: 0, max: 1, integer: true, meaning: '1: a Bloom filter in front of the slot lookup, 0: none' },
} as const;

async function run(input: PipelineInput): Promise<PipelineResult> {
  const settings = readSettings('cached balance pipeline', input.settings, CACHED_SETTINGS);
  const { dbPath, tokens, accounts, outputs } = prepareRun('cached', input);

  let started = performance.now();
  const cache = SlotCache.open(input.slotCacheDir);
  let hashes = 0;
  const lows = accounts.map((account) => {
    const cached = cache.get(account);
    if (cached !== undefined) return cached;
    const { low } = fastBalanceSlot(account);
    hashes++;
    cache.set(account, low);
    return low;
  });
  cache.flush();
  const slotMappingMs = performance.now() - started;

  const balances = emptyBalances(tokens, accounts);
  const accountCount = accounts.length;
  let loopMs = 0;
  let queryMs = 0;
  const samples: number[] = [];
  let rowsScanned = 0;
  let unmapped = 0;
  let bloomNegatives = 0;
  let bloomFalsePositives = 0;
  const db = openPathfinderReadOnly(dbPath);
  try {
    started = performance.now();
    const contractIds = resolveContractIds(db, tokens);
    const codes = resolveSlotIds(db, lows);
    const bloom = settings.bloom === 1 ? new IdBloomFilter(codes.size) : undefined;
    for (const id of codes.keys()) bloom?.add(id);
    const latest = prepareLatestValues(db);
    queryMs += performance.now() - started;

    let base = 0;
    const take = (storageId: number, value: Buffer): void => {
      if (bloom !== undefined && !bloom.mightContain(storageId)) {
        bloomNegatives++;
        unmapped++;
        return;
      }
      const code = codes.get(storageId);
      if (code === undefined) {
        if (bloom !== undefined) bloomFalsePositives++;
        unmapped++;
        return;
      }
      addWord(balances, base, code, decodeFeltBytes(value));
    };

    started = performance.now();
    for (let t = 0; t < tokens.length; t++) {
      const contractId = contractIds[t];
      if (contractId === undefined) continue; // no storage at all: every balance is zero
      base = t * accountCount;
      for (const [storageId, value] of latest.iterate(contractId)) {
        if ((rowsScanned++ & (SAMPLE_EVERY - 1)) === 0) {
          const sampleStart = performance.now();
          take(storageId, value);
          samples.push(performance.now() - sampleStart);
        } else take(storageId, value);
      }
    }
    loopMs = performance.now() - started;
  } finally {
    db.close();
  }
  const filterDecodeMs = Math.min(loopMs, median(samples) * rowsScanned);
  queryMs += loopMs - filterDecodeMs;

  const sheet: BalanceSheet = { tokens, accounts, balances };
  const writeMs = writeAllOutputs(sheet, outputs);
  const counters = {
    slotCacheHits: accounts.length - hashes,
    slotCacheMisses: hashes,
    slotCacheRejected: cache.rejectedRecords,
    bloomNegatives,
    bloomFalsePositives,
  };
  return pipelineResult(sheet, outputs, { rowsScanned, unmapped, hashes, counters }, { slotMappingMs, queryMs, filterDecodeMs, writeMs });
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

export const cached: BalancePipeline = {
  name: 'cached',
  settings: CACHED_SETTINGS,
  description: 'persistent slot cache + fixed-base pedersen for misses, Bloom filter before the slot lookup, rows streamed into the sheet',
  run,
};
