/**
 * Writes a seeded Pathfinder-schema database of ERC-20 activity, and the
 * balances it must yield, computed from the generator's own ledger (never by
 * reading the database back), so a pipeline that misreads the database
 * cannot agree with it by accident.
 *
 * The history: for each of `blocks` blocks, `transfersPerBlock` operations,
 * each on one token (skewed towards the first, like ETH and STRK on mainnet):
 * - mint (20%): a random amount to a random holder;
 * - transfer (70%): part or, one time in five, all of a holder's balance to
 *   another holder (so balances return to zero);
 * - burn to zero (10%): a holder's whole balance is destroyed.
 * Amounts are mostly below 2^64, some below 2^127 and one in twenty above
 * 2^128, so high words are exercised, not only low ones. Mints and burns
 * also move the token's ERC20_total_supply (two more slots), and block 0
 * writes each token's name, symbol and decimals: balance-free rows in the
 * token's own storage.
 *
 * At the end of a block, as in a Starknet state diff, each touched slot is
 * written once with its final value, and a balance writes only the word
 * (low or high) that changed, so an account's two words often come from
 * different blocks. `noisePerBlock` more writes per block go half to random
 * slots of the tokens (allowance-like) and half to slots of other contracts,
 * reusing an earlier slot half of the time so they have history too.
 *
 * Rows are interned as Pathfinder does (contract_addresses and
 * storage_addresses ids in order of first appearance); storage values are
 * stored with their leading zero bytes stripped, noise values with every
 * length from 0 (zero) to 32 bytes. Indexes are built after the bulk insert,
 * which is faster and yields the same schema text.
 */
import Database from 'better-sqlite3';
import { Prng } from '../../../../lib/prng.ts';
import { emptyBalances, sortedDistinct, type BalanceSheet } from '../../../../variants/balance/balance-sheet.ts';
import type { BalanceDatasetSpec } from './spec.ts';
import { feltToBytes, feltToStrippedBytes } from '../../../../variants/balance/felt.ts';
import { PATHFINDER_INDEXES, PATHFINDER_TABLES } from '../../../../variants/balance/schema.ts';
import { STORAGE_ADDRESS_BOUND, snKeccak } from '../../../../variants/balance/slots.ts';

/** StarkGate's ETH and STRK on Starknet mainnet. */
export const ETH_TOKEN = 0x049d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7n;
export const STRK_TOKEN = 0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938dn;

const WORD = 1n << 128n;
const WORD_MASK = WORD - 1n;

export interface DatasetStats {
  readonly storageUpdates: number;
  readonly storageAddresses: number;
  readonly contracts: number;
  /** Rows the latest-value query returns over all the tokens: distinct (token, storage address) pairs. */
  readonly latestTokenRows: number;
  /** Of those, the rows at a requested account's balance slot (low or high). */
  readonly mappedTokenRows: number;
}

export interface GeneratedDataset {
  /** In generation order: ETH, STRK, then random. */
  readonly tokens: readonly bigint[];
  /** The requested accounts, in generation order. */
  readonly accounts: readonly bigint[];
  /** The expected pipeline output (sorted tokens x sorted accounts, zeros included). */
  readonly expected: BalanceSheet;
  readonly stats: DatasetStats;
}

/** The requested accounts of a spec: they depend on the seed and the count only, so slot maps can be shared. */
export function datasetAccounts(spec: Pick<BalanceDatasetSpec, 'seed' | 'accounts'>): bigint[] {
  const prng = new Prng(streamSeeds(spec.seed).accounts);
  const accounts = new Set<bigint>();
  // A repeat has probability ~2^-250; the loop only makes distinctness certain.
  while (accounts.size < spec.accounts) accounts.add(randomBelow(prng, STORAGE_ADDRESS_BOUND));
  return [...accounts];
}

/**
 * Generates the dataset of `spec` into a new database at `dbPath`.
 * `accountSlots` are the low balance slots of datasetAccounts(spec), in order
 * (the caller computes or loads them: hashing is the expensive part).
 */
export function generateDataset(spec: BalanceDatasetSpec, dbPath: string, accountSlots: readonly bigint[]): GeneratedDataset {
  const accounts = datasetAccounts(spec);
  if (accountSlots.length !== accounts.length) {
    throw new RangeError(`generateDataset: ${accountSlots.length} slots for ${accounts.length} accounts`);
  }
  const prng = new Prng(streamSeeds(spec.seed).history);
  const db = new Database(dbPath);
  try {
    // A private file that is renamed into the cache only when complete: no journal needed.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    for (const sql of PATHFINDER_TABLES) db.exec(sql);
    const generated = db.transaction(() => new History(spec, db, prng, accounts, accountSlots).run())();
    for (const sql of PATHFINDER_INDEXES) db.exec(sql);
    return generated;
  } finally {
    db.close();
  }
}

/** Independent streams for the accounts and for everything else. */
function streamSeeds(seed: number): { accounts: number; history: number } {
  const root = new Prng(seed);
  return { accounts: root.nextUint32(), history: root.nextUint32() };
}

/** A uniform bigint of `bits` random bits. */
function randomBits(prng: Prng, bits: number): bigint {
  let value = 0n;
  for (let have = 0; have < bits; have += 32) value = (value << 32n) | BigInt(prng.nextUint32());
  const excess = Math.ceil(bits / 32) * 32 - bits;
  return value >> BigInt(excess);
}

/** A uniform bigint in [0, bound), by rejection (at most half the draws are rejected). */
function randomBelow(prng: Prng, bound: bigint): bigint {
  const bits = bound.toString(2).length;
  for (;;) {
    const value = randomBits(prng, bits);
    if (value < bound) return value;
  }
}

/** A short string packed into a felt, as Cairo stores token names and symbols. */
function shortString(text: string): bigint {
  return BigInt(`0x${Buffer.from(text, 'ascii').toString('hex')}`);
}

class History {
  readonly #tokens: bigint[];
  readonly #holders: number;
  /** balances[t][h]: the ledger; committed[t][h]: what the database holds at the last block end. */
  readonly #balances: bigint[][];
  readonly #committed: bigint[][];
  readonly #supply: bigint[];
  readonly #committedSupply: bigint[];
  /** Storage ids of each holder's low word; the high word's id is in #highSlotIds. */
  readonly #lowSlotIds: number[];
  readonly #highSlotIds: number[];
  readonly #supplySlotIds: readonly [number, number];
  readonly #storageIds = new Map<bigint, number>();
  readonly #tokenRows: Set<number>[];
  readonly #noiseSlots: number[][];
  readonly #insertContract: Database.Statement<[number, Buffer]>;
  readonly #insertStorage: Database.Statement<[number, Buffer]>;
  readonly #insertUpdate: Database.Statement<[number, number, number, Buffer]>;
  #updates = 0;
  /** The current block's writes, (contract id, storage id) -> value: one row per slot per block. */
  #blockWrites = new Map<string, { contract: number; storage: number; value: Buffer }>();

  constructor(
    private readonly spec: BalanceDatasetSpec,
    db: Database.Database,
    private readonly prng: Prng,
    private readonly accounts: readonly bigint[],
    accountSlots: readonly bigint[],
  ) {
    this.#insertContract = db.prepare('INSERT INTO contract_addresses (id, contract_address) VALUES (?, ?)');
    this.#insertStorage = db.prepare('INSERT INTO storage_addresses (id, storage_address) VALUES (?, ?)');
    this.#insertUpdate = db.prepare(
      'INSERT INTO storage_updates (block_number, contract_address_id, storage_address_id, storage_value) VALUES (?, ?, ?, ?)',
    );
    this.#tokens = [ETH_TOKEN, STRK_TOKEN].slice(0, spec.tokens);
    while (this.#tokens.length < spec.tokens) this.#tokens.push(randomBelow(prng, STORAGE_ADDRESS_BOUND));
    const others = Array.from({ length: spec.otherContracts }, () => randomBelow(prng, STORAGE_ADDRESS_BOUND));
    [...this.#tokens, ...others].forEach((address, i) => this.#insertContract.run(i + 1, feltToBytes(address)));

    // Requested accounts first, then the other holders (random slots, see dataset-spec.ts).
    const lowSlots = [...accountSlots];
    for (let i = 0; i < spec.otherHolders; i++) lowSlots.push(randomBelow(prng, STORAGE_ADDRESS_BOUND - 1n));
    this.#holders = lowSlots.length;
    this.#lowSlotIds = lowSlots.map((slot) => this.#storageId(slot));
    this.#highSlotIds = lowSlots.map((slot) => this.#storageId(slot + 1n));
    const supply = snKeccak('ERC20_total_supply');
    this.#supplySlotIds = [this.#storageId(supply), this.#storageId(supply + 1n)];

    this.#balances = this.#tokens.map(() => new Array<bigint>(this.#holders).fill(0n));
    this.#committed = this.#tokens.map(() => new Array<bigint>(this.#holders).fill(0n));
    this.#supply = this.#tokens.map(() => 0n);
    this.#committedSupply = this.#tokens.map(() => 0n);
    this.#tokenRows = this.#tokens.map(() => new Set<number>());
    this.#noiseSlots = [...this.#tokens, ...others].map(() => []);
  }

  run(): GeneratedDataset {
    this.#writeMetadata();
    const dirty = this.#tokens.map(() => new Set<number>());
    for (let block = 0; block < this.spec.blocks; block++) {
      for (let op = 0; op < this.spec.transfersPerBlock; op++) this.#operation(dirty);
      for (let i = 0; i < this.spec.noisePerBlock; i++) this.#noise();
      this.#endBlock(block, dirty);
    }
    return {
      tokens: this.#tokens,
      accounts: this.accounts,
      expected: this.#expected(),
      stats: this.#stats(),
    };
  }

  #storageId(address: bigint): number {
    let id = this.#storageIds.get(address);
    if (id === undefined) {
      id = this.#storageIds.size + 1;
      this.#storageIds.set(address, id);
      this.#insertStorage.run(id, feltToBytes(address));
    }
    return id;
  }

  #write(contract: number, storage: number, value: bigint | Buffer): void {
    const bytes = typeof value === 'bigint' ? feltToStrippedBytes(value) : value;
    this.#blockWrites.set(`${contract}:${storage}`, { contract, storage, value: bytes });
  }

  #writeMetadata(): void {
    this.#tokens.forEach((_, t) => {
      const symbol = t === 0 ? 'ETH' : t === 1 ? 'STRK' : `TK${t}`;
      const name = t === 0 ? 'Ether' : t === 1 ? 'Starknet Token' : `Token ${t}`;
      this.#write(t + 1, this.#storageId(snKeccak('ERC20_name')), shortString(name));
      this.#write(t + 1, this.#storageId(snKeccak('ERC20_symbol')), shortString(symbol));
      this.#write(t + 1, this.#storageId(snKeccak('ERC20_decimals')), 18n);
    });
  }

  #pickToken(): number {
    const u = this.prng.nextFloat();
    return Math.floor(this.#tokens.length * u * u);
  }

  /** A holder of `token` with a non-zero balance, or -1 after a few misses. */
  #pickHolderWithBalance(token: number): number {
    for (let attempt = 0; attempt < 8; attempt++) {
      const holder = this.prng.nextInt(this.#holders);
      if (this.#balances[token]![holder]! > 0n) return holder;
    }
    return -1;
  }

  #amount(): bigint {
    const r = this.prng.nextFloat();
    const bits = r < 0.7 ? 1 + this.prng.nextInt(64) : r < 0.95 ? 65 + this.prng.nextInt(62) : 129 + this.prng.nextInt(72);
    return randomBits(this.prng, bits) | (1n << BigInt(bits - 1));
  }

  #operation(dirty: Set<number>[]): void {
    const token = this.#pickToken();
    const balances = this.#balances[token]!;
    const r = this.prng.nextFloat();
    const source = r < 0.2 ? -1 : this.#pickHolderWithBalance(token);
    if (source < 0) {
      const to = this.prng.nextInt(this.#holders);
      const amount = this.#amount();
      balances[to]! += amount;
      this.#supply[token]! += amount;
      dirty[token]!.add(to);
    } else if (r < 0.3) {
      this.#supply[token]! -= balances[source]!;
      balances[source] = 0n;
      dirty[token]!.add(source);
    } else {
      const held = balances[source]!;
      const amount = this.prng.nextInt(5) === 0 ? held : 1n + randomBelow(this.prng, held);
      // Any holder but the sender (a lone holder pays itself).
      let to = this.#holders === 1 ? source : this.prng.nextInt(this.#holders - 1);
      if (this.#holders > 1 && to >= source) to++;
      balances[source] = held - amount;
      balances[to]! += amount;
      dirty[token]!.add(source).add(to);
    }
  }

  #noise(): void {
    const toToken = this.prng.nextInt(2) === 0;
    const contract = toToken
      ? this.prng.nextInt(this.#tokens.length)
      : this.#tokens.length + this.prng.nextInt(this.spec.otherContracts);
    const slots = this.#noiseSlots[contract]!;
    let storage: number;
    if (slots.length > 0 && this.prng.nextInt(2) === 0) storage = slots[this.prng.nextInt(slots.length)]!;
    else {
      storage = this.#storageId(randomBelow(this.prng, STORAGE_ADDRESS_BOUND));
      slots.push(storage);
    }
    // Every stored length from 0 (the empty BLOB, zero) to 32; a 32-byte felt's top byte is below 8 (felt < 2^251 + ...).
    const length = this.prng.nextInt(33);
    const value = Buffer.alloc(length);
    if (length > 0) {
      this.prng.fillBytes(value);
      value[0] = length === 32 ? 1 + this.prng.nextInt(7) : 1 + this.prng.nextInt(255);
    }
    this.#write(contract + 1, storage, value);
  }

  #endBlock(block: number, dirty: Set<number>[]): void {
    dirty.forEach((holders, token) => {
      const balances = this.#balances[token]!;
      const committed = this.#committed[token]!;
      for (const holder of holders) {
        this.#writeChangedWords(token, committed[holder]!, balances[holder]!, this.#lowSlotIds[holder]!, this.#highSlotIds[holder]!);
        committed[holder] = balances[holder]!;
      }
      holders.clear();
      const [low, high] = this.#supplySlotIds;
      this.#writeChangedWords(token, this.#committedSupply[token]!, this.#supply[token]!, low, high);
      this.#committedSupply[token] = this.#supply[token]!;
    });
    for (const { contract, storage, value } of this.#blockWrites.values()) {
      this.#insertUpdate.run(block, contract, storage, value);
      this.#updates++;
      if (contract <= this.#tokens.length) this.#tokenRows[contract - 1]!.add(storage);
    }
    this.#blockWrites = new Map();
  }

  #writeChangedWords(token: number, before: bigint, after: bigint, lowId: number, highId: number): void {
    if ((before & WORD_MASK) !== (after & WORD_MASK)) this.#write(token + 1, lowId, after & WORD_MASK);
    if (before >> 128n !== after >> 128n) this.#write(token + 1, highId, after >> 128n);
  }

  #expected(): BalanceSheet {
    const tokens = sortedDistinct(this.#tokens, 'tokens');
    const accounts = sortedDistinct(this.accounts, 'accounts');
    const tokenIndex = new Map(this.#tokens.map((token, t) => [token, t]));
    const holderIndex = new Map(this.accounts.map((account, h) => [account, h]));
    const balances = emptyBalances(tokens, accounts);
    let cell = 0;
    for (const token of tokens) {
      const ledger = this.#balances[tokenIndex.get(token)!]!;
      for (const account of accounts) balances[cell++] = ledger[holderIndex.get(account)!]!;
    }
    return { tokens, accounts, balances };
  }

  #stats(): DatasetStats {
    let latest = 0;
    let mapped = 0;
    const requested = new Set<number>();
    for (let h = 0; h < this.accounts.length; h++) requested.add(this.#lowSlotIds[h]!).add(this.#highSlotIds[h]!);
    for (const rows of this.#tokenRows) {
      latest += rows.size;
      for (const id of rows) if (requested.has(id)) mapped++;
    }
    return {
      storageUpdates: this.#updates,
      storageAddresses: this.#storageIds.size,
      contracts: this.#tokens.length + this.spec.otherContracts,
      latestTokenRows: latest,
      mappedTokenRows: mapped,
    };
  }
}
