import { pedersen } from '@scure/starknet';
import { describe, expect, it } from 'vitest';
import { FIELD_PRIME } from '../../../variants/balance/felt.ts';
import { ERC20_BALANCES_BASE, STORAGE_ADDRESS_BOUND, balanceSlot, slotFromHash, snKeccak } from '../../../variants/balance/slots.ts';

describe('ERC-20 balance slots', () => {
  it('takes the mapping base from sn_keccak("ERC20_balances")', () => {
    expect(snKeccak('ERC20_balances')).toBe(ERC20_BALANCES_BASE);
    expect(ERC20_BALANCES_BASE).toBe(0x03a4e8ec16e258a799fe707996fd5d21d42b29adc1499a370edf7f809d8c458an);
  });

  it('hashes with the published pedersen vector', () => {
    // The vector of issue 3 (StarkWare's test vector, also in starknet.js and @scure/starknet tests).
    expect(BigInt(pedersen(
      0x03d937c035c878245caf64531a5756109c53068da139362728feb561405371cbn,
      0x0208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31an,
    ))).toBe(0x030e480bed5fe53fa909cc0f8c4d99b8f9f2c016be4c41e13a4848797979c662n);
  });

  it('puts the low word at pedersen(base, account) mod 2^251 - 256 and the high word right after', () => {
    const account = 0x0123456789abcdefn;
    const slot = balanceSlot(account);
    expect(slot.low).toBe(BigInt(pedersen(ERC20_BALANCES_BASE, account)) % (2n ** 251n - 256n));
    expect(slot.high).toBe(slot.low + 1n);
    expect(slot.low).toBeLessThan(STORAGE_ADDRESS_BOUND);
  });

  it('reduces hashes at or above the bound', () => {
    expect(slotFromHash(STORAGE_ADDRESS_BOUND + 5n)).toEqual({ low: 5n, high: 6n });
    expect(slotFromHash(STORAGE_ADDRESS_BOUND - 1n)).toEqual({ low: STORAGE_ADDRESS_BOUND - 1n, high: STORAGE_ADDRESS_BOUND });
  });

  it('rejects accounts that are not field elements', () => {
    expect(() => balanceSlot(-1n)).toThrow(/not a Starknet field element/);
    expect(() => balanceSlot(FIELD_PRIME)).toThrow(/not a Starknet field element/);
  });
});
