/**
 * What the pipeline produces: the balance of every (token, account) pair.
 *
 * Tokens and accounts are distinct and ascending (numeric order, which is
 * also the text order of their fixed-width hex), and the balances are laid
 * out token-major: balance of accounts[a] in tokens[t] at
 * t * accounts.length + a. Every pair is present, zero balances included,
 * so the number of rows is tokens x accounts whatever the database holds and
 * an account that never touched a token reads 0 rather than being absent.
 */
import { assertFelt } from './felt.ts';

export interface BalanceSheet {
  readonly tokens: readonly bigint[];
  readonly accounts: readonly bigint[];
  /** u256 balances, token-major (see above). */
  readonly balances: readonly bigint[];
}

/**
 * The distinct values of `values`, ascending: the order every output uses.
 * Each must be a felt; `what` names the list in the error.
 */
export function sortedDistinct(values: readonly bigint[], what: string): bigint[] {
  values.forEach((value, i) => assertFelt(value, `${what}[${i}]`));
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** An all-zero sheet for `tokens` x `accounts` (both already sorted and distinct), to be filled in. */
export function emptyBalances(tokens: readonly bigint[], accounts: readonly bigint[]): bigint[] {
  return new Array<bigint>(tokens.length * accounts.length).fill(0n);
}
