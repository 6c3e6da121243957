/**
 * The balance subject's contract. Every variant implements `BalancePipeline`;
 * the harness reaches variants only through `variants/balance/index.ts`.
 *
 * A run: map accounts to storage slots (slots.ts), read each token's latest
 * storage value of every storage address from a Pathfinder database
 * (schema.ts), keep the rows at mapped slots, decode and join the u256 words,
 * and write balances.csv, balances.json and balances.sqlite (outputs.ts) into
 * `outDir`. All variants write byte-identical files for the same input.
 */
import type { SettingSpec } from '../../lib/settings.ts';

export interface PipelineInput {
  /** A Pathfinder SQLite database. Opened read-only: a run never writes into it. */
  readonly dbPath: string;
  /** Token contract addresses (felts). Duplicates are ignored; outputs are ordered by address. */
  readonly tokens: readonly bigint[];
  /** Account addresses (felts). Duplicates are ignored; outputs are ordered by address. */
  readonly accounts: readonly bigint[];
  /** Folder for the three outputs; created if missing, existing outputs replaced. */
  readonly outDir: string;
  /**
   * Folder of the cached variant's persistent slot cache (account -> slots);
   * without it that variant hashes every account on every run. Other
   * variants ignore it.
   */
  readonly slotCacheDir?: string;
  /** Variant-specific tuning (pooled: workers), validated by the variant. */
  readonly settings?: Readonly<Record<string, number>>;
}

/** Wall time of each step, in milliseconds. */
export interface PipelineStages {
  /** Accounts -> storage slots: hashing, or reading a slot cache. */
  readonly slotMappingMs: number;
  /** SQL: contract and storage ids, and the latest-value queries (stepping through their rows). */
  readonly queryMs: number;
  /** Keeping mapped rows, decoding values, joining low and high words. */
  readonly filterDecodeMs: number;
  /** The three outputs. */
  readonly writeMs: number;
}

export interface PipelineResult {
  /** Balances written to each output: distinct tokens x distinct accounts. */
  readonly rows: number;
  /** Rows the latest-value queries returned: one per (token, storage address). */
  readonly rowsScanned: number;
  /** Of those, rows whose storage address is not a requested account's balance slot (not an error). */
  readonly unmapped: number;
  /** Pedersen hashes computed in this run (0 when every slot came from a cache). */
  readonly hashes: number;
  readonly stages: PipelineStages;
  /** Paths of the outputs. */
  readonly outputs: { readonly csv: string; readonly json: string; readonly sqlite: string };
  /** Named counters a variant may report (slot cache hits, bloom negatives, workers ...). */
  readonly counters?: Readonly<Record<string, number>>;
}

export interface BalancePipeline {
  readonly name: string;
  /** One line: the strategy this variant stands for. */
  readonly description: string;
  /** The tuning knobs `run()` accepts in `PipelineInput.settings`, with defaults and bounds. */
  readonly settings: Readonly<Record<string, SettingSpec>>;
  run(input: PipelineInput): Promise<PipelineResult>;
}
