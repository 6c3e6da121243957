/**
 * Slot-mapping throughput, hashes per second, of the generic pedersen
 * (@scure/starknet, what naive, batched and pooled call) and of the
 * fixed-first-argument one (fast-pedersen.ts, what cached calls on a slot
 * cache miss), measured in one run on the same accounts.
 *
 * The two alternate in rounds (generic, fast, generic, fast ...) so drift
 * on a shared machine falls on both, and each rate is hashes over the summed
 * time of its rounds. The fast one's one-off table build is timed apart
 * (setupMs) and excluded from its rate, since a run pays it once. Every
 * fast hash is checked against the generic one of the same account.
 *
 *   node --import tsx scripts/pedersen-throughput.ts [accounts] [rounds]
 */
import { pathToFileURL } from 'node:url';
import { pedersen } from '@scure/starknet';
import { FixedFirstPedersen } from '../variants/balance/fast-pedersen.ts';
import { STORAGE_ADDRESS_BOUND, ERC20_BALANCES_BASE } from '../variants/balance/slots.ts';

export interface PedersenThroughput {
  readonly hashes: number;
  readonly genericPerSecond: number;
  readonly fastPerSecond: number;
  /** fastPerSecond / genericPerSecond. */
  readonly speedup: number;
  /** The fast variant's one-off table build (ms), not in its rate. */
  readonly setupMs: number;
}

/** Deterministic pseudo-random accounts below 2^251 - 256 (a 64-bit LCG stretched to 252 bits). */
function sampleAccounts(count: number): bigint[] {
  let state = 0x2545f4914f6cdd1dn;
  const next = (): bigint => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffff_ffff_ffff_ffffn;
    return state;
  };
  return Array.from({ length: count }, () => ((next() << 192n) | (next() << 128n) | (next() << 64n) | next()) % STORAGE_ADDRESS_BOUND);
}

export function measurePedersenThroughput(accountsPerRound = 100, rounds = 4): PedersenThroughput {
  const accounts = sampleAccounts(accountsPerRound * rounds);
  let started = performance.now();
  const fast = new FixedFirstPedersen(ERC20_BALANCES_BASE);
  fast.hash(1n); // builds the shared tables
  const setupMs = performance.now() - started;
  pedersen(ERC20_BALANCES_BASE, 1n); // the generic one's lazy constants

  let genericMs = 0;
  let fastMs = 0;
  for (let round = 0; round < rounds; round++) {
    const batch = accounts.slice(round * accountsPerRound, (round + 1) * accountsPerRound);
    started = performance.now();
    const expected = batch.map((account) => BigInt(pedersen(ERC20_BALANCES_BASE, account)));
    genericMs += performance.now() - started;
    started = performance.now();
    const got = batch.map((account) => fast.hash(account));
    fastMs += performance.now() - started;
    got.forEach((hash, i) => {
      if (hash !== expected[i]) throw new Error(`fast pedersen disagrees with the generic one for account ${batch[i]}`);
    });
  }
  const hashes = accounts.length;
  const genericPerSecond = (hashes * 1000) / genericMs;
  const fastPerSecond = (hashes * 1000) / fastMs;
  return { hashes, genericPerSecond, fastPerSecond, speedup: fastPerSecond / genericPerSecond, setupMs };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [accounts, rounds] = process.argv.slice(2).map(Number);
  const result = measurePedersenThroughput(accounts || undefined, rounds || undefined);
  console.log(
    `${result.hashes} hashes each: generic ${result.genericPerSecond.toFixed(0)} hashes/s, ` +
      `fixed-first-argument ${result.fastPerSecond.toFixed(0)} hashes/s (x${result.speedup.toFixed(1)}), ` +
      `table build ${result.setupMs.toFixed(0)} ms`,
  );
}
