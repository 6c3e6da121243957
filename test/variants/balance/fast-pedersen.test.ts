import { pedersen } from '@scure/starknet';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../lib/prng.ts';
import { FixedFirstPedersen, fastBalanceSlot } from '../../../variants/balance/fast-pedersen.ts';
import { FIELD_PRIME } from '../../../variants/balance/felt.ts';
import { ERC20_BALANCES_BASE, balanceSlot } from '../../../variants/balance/slots.ts';

function randomFelt(prng: Prng): bigint {
  let value = 0n;
  for (let i = 0; i < 8; i++) value = (value << 32n) | BigInt(prng.nextUint32());
  return value % FIELD_PRIME;
}

const generic = (a: bigint, b: bigint): bigint => BigInt(pedersen(a, b));

describe('fixed-first-argument pedersen', () => {
  const balances = new FixedFirstPedersen(ERC20_BALANCES_BASE);

  it('equals the generic pedersen on random second arguments', () => {
    const prng = new Prng(3);
    // ~2-3 ms per generic hash: 40 inputs keep this test well under a second.
    for (let i = 0; i < 40; i++) {
      const account = randomFelt(prng);
      expect(balances.hash(account), `account ${account}`).toBe(generic(ERC20_BALANCES_BASE, account));
    }
  });

  it('equals it at the edges of the 248-bit / 4-bit split and of the window tables', () => {
    const edges = [0n, 1n, 255n, 256n, (1n << 248n) - 1n, 1n << 248n, (1n << 248n) + 1n, 0x7n << 248n, (0x8n << 248n) + 5n, FIELD_PRIME - 1n, 0xff_ffn << 200n];
    for (const account of edges) expect(balances.hash(account), `account ${account}`).toBe(generic(ERC20_BALANCES_BASE, account));
  });

  it('works for any fixed first argument, including ones with high bits', () => {
    const prng = new Prng(4);
    for (const first of [0n, 1n, FIELD_PRIME - 1n, randomFelt(prng)]) {
      const fixed = new FixedFirstPedersen(first);
      const second = randomFelt(prng);
      expect(fixed.hash(second)).toBe(generic(first, second));
    }
  });

  it('gives the same balance slots as slots.ts', () => {
    const account = 0x049d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7n;
    expect(fastBalanceSlot(account)).toEqual(balanceSlot(account));
  });

  it('rejects arguments that are not field elements', () => {
    expect(() => balances.hash(FIELD_PRIME)).toThrow(/not a Starknet field element/);
    expect(() => new FixedFirstPedersen(-1n)).toThrow(/not a Starknet field element/);
  });
});
