import { describe, expect, it } from 'vitest';
import { addLatestBalances } from '../../../variants/balance/latest-balances.ts';
import type { LatestRow, LatestValuesStatement } from '../../../variants/balance/pathfinder-db.ts';

/** A statement that answers each contract id with fixed rows. */
function statementOf(rowsByContract: Record<number, LatestRow[]>): LatestValuesStatement {
  return { all: (contractId: number) => rowsByContract[contractId] ?? [] } as unknown as LatestValuesStatement;
}

describe('addLatestBalances', () => {
  it('adds each mapped row to its account and word, skips tokens without storage, and counts the rest', () => {
    // Storage ids 10/11: account 0's low/high slots; 20: account 1's low slot; 99: nobody's.
    const codes = new Map([[10, 0], [11, 1], [20, 2]]);
    const latest = statementOf({
      7: [[11, Buffer.from([0x02])], [99, Buffer.from([0xff])], [10, Buffer.from([0x01, 0x00])], [20, Buffer.alloc(0)]],
      8: [[20, Buffer.from([0x05])]],
    });
    const balances = new Array<bigint>(3 * 2).fill(0n);

    const tally = addLatestBalances(latest, [7, undefined, 8], codes, balances, 2);

    expect(balances).toEqual([(2n << 128n) + 256n, 0n, 0n, 0n, 0n, 5n]);
    expect(tally).toMatchObject({ rowsScanned: 5, unmapped: 1 });
    expect(tally.queryMs).toBeGreaterThanOrEqual(0);
    expect(tally.filterDecodeMs).toBeGreaterThanOrEqual(0);
  });
});
