/**
 * Where an ERC-20 contract keeps an account's balance.
 *
 * Starknet storage variables live at sn_keccak(name); a mapping entry at
 * pedersen(sn_keccak(name), key), reduced modulo ADDR_BOUND = 2^251 - 256 so
 * every address is a valid storage key
 * (https://docs.starknet.io/architecture-and-concepts/smart-contracts/contract-storage/;
 * Cairo's `normalize_address` / `storage_base_address_from_felt252`). A u256
 * takes two consecutive slots, low word (u128) at the base address and high
 * word at base + 1, and balance = high * 2^128 + low.
 *
 * sn_keccak is Keccak-256 truncated to its low 250 bits (@scure/starknet's
 * `keccak`). This file uses the library's generic pedersen, ~2-3 ms a call
 * here; fast-pedersen.ts computes the same function of the account with a
 * precomputed table for the fixed first argument.
 */
import { keccak, pedersen } from '@scure/starknet';
import { assertFelt } from './felt.ts';

/** sn_keccak("ERC20_balances"): the base of the `ERC20_balances` mapping (OpenZeppelin's Cairo ERC-20 and StarkGate's). */
export const ERC20_BALANCES_BASE = 0x03a4e8ec16e258a799fe707996fd5d21d42b29adc1499a370edf7f809d8c458an;

/** ADDR_BOUND: storage addresses are taken modulo 2^251 - 256. */
export const STORAGE_ADDRESS_BOUND = 2n ** 251n - 256n;

export interface BalanceSlot {
  /** Storage address of the low u128 word. */
  readonly low: bigint;
  /** Storage address of the high u128 word: low + 1. */
  readonly high: bigint;
}

/** sn_keccak of a storage variable's name. */
export function snKeccak(name: string): bigint {
  return keccak(new TextEncoder().encode(name));
}

/** The slots of a mapping entry whose pedersen hash is `hash` (a felt below the field prime). */
export function slotFromHash(hash: bigint): BalanceSlot {
  const low = hash % STORAGE_ADDRESS_BOUND;
  return { low, high: low + 1n };
}

/** The storage slots of `account`'s balance in an ERC-20 contract, with the generic pedersen. */
export function balanceSlot(account: bigint): BalanceSlot {
  assertFelt(account, 'balanceSlot account');
  return slotFromHash(BigInt(pedersen(ERC20_BALANCES_BASE, account)));
}
