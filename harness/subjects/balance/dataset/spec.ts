/**
 * What a generated balance dataset is made of, and the key it is cached
 * under. Equal specs give byte-identical datasets, so (spec, generator
 * version) is all a cache needs to know.
 */
import { createHash } from 'node:crypto';

export interface BalanceDatasetSpec {
  /** Seeds every random choice. */
  readonly seed: number;
  /** Token contracts: the real ETH and STRK addresses first, then seeded random ones. >= 1. */
  readonly tokens: number;
  /** Accounts whose balances the pipeline is asked for (the accounts file); their slots are hashed. >= 1. */
  readonly accounts: number;
  /**
   * Holders that are not in the accounts file: their balance rows are in the
   * database but map to no requested account, so the pipeline must filter
   * them out (counted as unmapped). Their slots are random storage addresses,
   * indistinguishable from pedersen outputs to the pipeline and free to make.
   */
  readonly otherHolders: number;
  /** Blocks of history, numbered from 0. >= 1. */
  readonly blocks: number;
  /** Balance-changing operations (transfers, mints, burns to zero) per block. */
  readonly transfersPerBlock: number;
  /** Storage writes per block that are not balances: other slots of the tokens and slots of other contracts. */
  readonly noisePerBlock: number;
  /** Contracts that are not tokens, receiving part of the noise. >= 1 when noisePerBlock > 0. */
  readonly otherContracts: number;
}

/**
 * Bumped whenever the generator's output changes for an unchanged spec, so
 * caches built by an older generator are not reused.
 */
export const GENERATOR_VERSION = 1;

const FIELDS = ['seed', 'tokens', 'accounts', 'otherHolders', 'blocks', 'transfersPerBlock', 'noisePerBlock', 'otherContracts'] as const;

const MINIMUM: Readonly<Record<(typeof FIELDS)[number], number>> = {
  seed: Number.MIN_SAFE_INTEGER,
  tokens: 1,
  accounts: 1,
  otherHolders: 0,
  blocks: 1,
  transfersPerBlock: 0,
  noisePerBlock: 0,
  otherContracts: 0,
};

/** Throws a RangeError naming the field, the rule and the value, for the first bad field. */
export function validateDatasetSpec(spec: BalanceDatasetSpec): void {
  for (const field of FIELDS) {
    const value = spec[field];
    if (!Number.isSafeInteger(value) || value < MINIMUM[field]) {
      throw new RangeError(`balance dataset: ${field} must be an integer >= ${MINIMUM[field]}, got ${String(value)}`);
    }
  }
  if (spec.noisePerBlock > 0 && spec.otherContracts < 1) {
    throw new RangeError('balance dataset: otherContracts must be >= 1 when noisePerBlock > 0 (half of the noise goes to other contracts)');
  }
}

/** The spec's fields only, in a fixed order (what the cache stores and compares). */
export function canonicalSpec(spec: BalanceDatasetSpec): BalanceDatasetSpec {
  return Object.fromEntries(FIELDS.map((field) => [field, spec[field]])) as unknown as BalanceDatasetSpec;
}

/** A folder name for the spec: readable, and unique through a hash of every field and the generator version. */
export function datasetKey(spec: BalanceDatasetSpec): string {
  const canonical = JSON.stringify([GENERATOR_VERSION, ...FIELDS.map((field) => spec[field])]);
  const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
  return `t${spec.tokens}-a${spec.accounts}-b${spec.blocks}-s${spec.seed}-${hash}`;
}
