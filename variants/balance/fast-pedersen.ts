/**
 * Pedersen with a fixed first argument, for mapping many accounts to balance
 * slots: pedersen(sn_keccak("ERC20_balances"), account).
 *
 * Starknet's Pedersen hash is the x coordinate of
 *   P0 + a_low * P1 + a_high * P2 + b_low * P3 + b_high * P4
 * where a_low / b_low are the low 248 bits of each argument, a_high / b_high
 * the high 4 bits, and P0..P4 fixed curve points. @scure/starknet computes it
 * generically (index.ts, `pedersen`): it walks all 252 bits of each argument
 * against tables of 2^i * P, adding the point of every set bit and comparing
 * points at every step, ~250 projective additions and 504 comparisons a hash.
 *
 * Here:
 * - the first argument never changes, so P0 + a_low * P1 + a_high * P2 is one
 *   point, computed once;
 * - the second argument goes through fixed-base windowing (Hankerson,
 *   Menezes & Vanstone, "Guide to Elliptic Curve Cryptography", 2004,
 *   §3.3.2), with a full table per window so no doubling is left: window i
 *   of 8 bits holds d * 2^(8i) * P3 for d in 1..255 (31 windows cover the
 *   248 low bits) and one table d * P4 for the 4 high bits. A hash is then at most 32 point
 *   additions plus one conversion to affine (a field inversion).
 *
 * Window width, measured on this machine on random 251-bit accounts (table
 * build / time per hash): 4 bits 13 ms / 0.54 ms, 6 bits 21 ms / 0.35 ms,
 * 8 bits 64 ms / 0.24 ms, 10 bits 238 ms / 0.27 ms (the tables outgrow the
 * CPU caches). 8 it is: the table (7,920 points) is built lazily, on the
 * first hash, and shared by every fixed first argument because it depends
 * only on P3 and P4. Against the generic call: 466 vs 4,184 hashes/s, x9.0,
 * in one run of pedersen-throughput.ts (400 hashes each).
 *
 * The generic code also throws when a partial sum meets a constant point
 * (the Pedersen spec's "Same point" guard, a probability-2^-250 event); this
 * sum is the same whenever that does not happen. Tests compare both on
 * random inputs.
 */
import { Point } from '@scure/starknet';
import { assertFelt } from './felt.ts';
import { ERC20_BALANCES_BASE, slotFromHash, type BalanceSlot } from './slots.ts';

type CurvePoint = InstanceType<typeof Point>;

/**
 * P0..P4 of Starknet's Pedersen hash (the shift point and the four bases),
 * derived by StarkWare from the digits of pi
 * (https://docs.starkware.co/starkex/pedersen-hash-function.html;
 * the same constants as @scure/starknet's PEDERSEN_POINTS, which it does not export).
 */
const PEDERSEN_POINT_COORDINATES: readonly (readonly [bigint, bigint])[] = [
  [
    2089986280348253421170679821480865132823066470938446095505822317253594081284n,
    1713931329540660377023406109199410414810705867260802078187082345529207694986n,
  ],
  [
    996781205833008774514500082376783249102396023663454813447423147977397232763n,
    1668503676786377725805489344771023921079126552019160156920634619255970485781n,
  ],
  [
    2251563274489750535117886426533222435294046428347329203627021249169616184184n,
    1798716007562728905295480679789526322175868328062420237419143593021674992973n,
  ],
  [
    2138414695194151160943305727036575959195309218611738193261179310511854807447n,
    113410276730064486255102093846540133784865286929052426931474106396135072156n,
  ],
  [
    2379962749567351885752724891227938183011949129833673362440656643086021394946n,
    776496453633298175483985398648758586525933812536653089401905292063708816422n,
  ],
];

const LOW_BITS = 248n;
const LOW_MASK = (1n << LOW_BITS) - 1n;
const WINDOW_BITS = 8;
const WINDOW_SIZE = 1 << WINDOW_BITS;
const WINDOW_MASK = BigInt(WINDOW_SIZE - 1);
const LOW_WINDOWS = Math.ceil(Number(LOW_BITS) / WINDOW_BITS); // 31
const HIGH_VALUES = 16; // the 4 high bits

function pedersenPoint(index: number): CurvePoint {
  const [x, y] = PEDERSEN_POINT_COORDINATES[index]!;
  return Point.fromAffine({ x, y });
}

/** multiplyUnsafe rejects 0; the contribution of a zero scalar is the identity. */
function times(point: CurvePoint, scalar: bigint): CurvePoint {
  return scalar === 0n ? Point.ZERO : point.multiplyUnsafe(scalar);
}

interface SecondArgumentTables {
  /** low[i][d] = d * 2^(8i) * P3; low[i][0] unused. */
  readonly low: readonly (readonly CurvePoint[])[];
  /** high[d] = d * P4 for the 4 high bits. */
  readonly high: readonly CurvePoint[];
}

let tables: SecondArgumentTables | undefined;

/**
 * Builds every table entry by one addition from the previous one (d * B =
 * (d-1) * B + B). Points stay projective: noble's addition uses complete
 * formulas (Renes, Costello & Batina 2016) that gain nothing from Z = 1, so
 * normalising 7,920 points (one inversion each) would only slow the build.
 */
function secondArgumentTables(): SecondArgumentTables {
  if (tables !== undefined) return tables;
  const low: CurvePoint[][] = [];
  let base = pedersenPoint(3);
  for (let window = 0; window < LOW_WINDOWS; window++) {
    const row: CurvePoint[] = [Point.ZERO];
    for (let digit = 1; digit < WINDOW_SIZE; digit++) row.push(row[digit - 1]!.add(base));
    low.push(row);
    base = row[WINDOW_SIZE - 1]!.add(base); // 2^8 * base: the next window's unit
  }
  const p4 = pedersenPoint(4);
  const high: CurvePoint[] = [Point.ZERO];
  for (let digit = 1; digit < HIGH_VALUES; digit++) high.push(high[digit - 1]!.add(p4));
  tables = { low, high };
  return tables;
}

/** pedersen(first, ·) for one fixed `first`, as a bigint. */
export class FixedFirstPedersen {
  /** P0 + first_low * P1 + first_high * P2. */
  readonly #offset: CurvePoint;

  constructor(readonly first: bigint) {
    assertFelt(first, 'FixedFirstPedersen first argument');
    this.#offset = pedersenPoint(0)
      .add(times(pedersenPoint(1), first & LOW_MASK))
      .add(times(pedersenPoint(2), first >> LOW_BITS));
  }

  hash(second: bigint): bigint {
    assertFelt(second, 'pedersen second argument');
    const { low, high } = secondArgumentTables();
    let sum = this.#offset;
    let rest = second & LOW_MASK;
    for (let window = 0; window < LOW_WINDOWS && rest !== 0n; window++) {
      const digit = Number(rest & WINDOW_MASK);
      if (digit !== 0) sum = sum.add(low[window]![digit]!);
      rest >>= 8n;
    }
    const top = Number(second >> LOW_BITS);
    if (top !== 0) sum = sum.add(high[top]!);
    return sum.toAffine().x;
  }
}

/** The shared instance for ERC-20 balance slots. */
let balances: FixedFirstPedersen | undefined;

export function erc20BalancesPedersen(): FixedFirstPedersen {
  balances ??= new FixedFirstPedersen(ERC20_BALANCES_BASE);
  return balances;
}

/** balanceSlot (slots.ts) through the fixed-first-argument pedersen. */
export function fastBalanceSlot(account: bigint): BalanceSlot {
  return slotFromHash(erc20BalancesPedersen().hash(account));
}
