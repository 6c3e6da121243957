/**
 * Mapped slots as storage_addresses ids: which rows of a latest-value query
 * are balances, and of whom.
 *
 * Each requested account has two slots (low word at its slot, high word at
 * slot + 1). Looking each up once in storage_addresses (a unique index
 * probe) turns the per-row filter into an integer lookup and spares the
 * latest-value query a join per returned row (pathfinder-db.ts). A slot with
 * no id was never written, by any contract: its word is zero.
 *
 * A mapped row is identified by a code: account index * 2, plus 1 for the
 * high word.
 */
import { feltToBytes } from './felt.ts';
import { CONTRACT_ID, STORAGE_ID, type PathfinderDb } from './pathfinder-db.ts';

/**
 * storage_addresses id -> code of the slots of `lows[i]` (account i's low
 * slot; high = low + 1), looked up with one reused prepared statement.
 */
export function resolveSlotIds(db: PathfinderDb, lows: readonly bigint[]): Map<number, number> {
  const lookup = db.prepare<[Buffer], number>(STORAGE_ID).pluck();
  const codes = new Map<number, number>();
  lows.forEach((low, account) => {
    const lowId = lookup.get(feltToBytes(low));
    if (lowId !== undefined) codes.set(lowId, account * 2);
    const highId = lookup.get(feltToBytes(low + 1n));
    if (highId !== undefined) codes.set(highId, account * 2 + 1);
  });
  return codes;
}

/** Resolves each token to its contract_addresses id (undefined: the contract has no storage rows). */
export function resolveContractIds(db: PathfinderDb, tokens: readonly bigint[]): (number | undefined)[] {
  const lookup = db.prepare<[Buffer], number>(CONTRACT_ID).pluck();
  return tokens.map((token) => lookup.get(feltToBytes(token)));
}
