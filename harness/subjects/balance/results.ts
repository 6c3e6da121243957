import type { JobResult, RunResults, RuntimeFigures } from '../../core/results.ts';

/**
 * What a balance job measures (JobResult.measure): the pipeline's runs in
 * one process, the bare SQL reference query on the same database, and the
 * outputs it wrote. Durations in milliseconds (pipeline stages are tens of
 * ms to seconds; no sub-microsecond figure is involved).
 */
export interface BalanceStages {
  readonly slotMappingMs: number;
  readonly queryMs: number;
  readonly filterDecodeMs: number;
  readonly writeMs: number;
}

export interface BalanceRun {
  /** Wall time of the whole run (stages plus whatever lies between them). */
  readonly endToEndMs: number;
  readonly stages: BalanceStages;
  readonly rows: number;
  readonly rowsScanned: number;
  readonly unmapped: number;
  /** Pedersen hashes computed in the run (0 when every slot came from a cache). */
  readonly hashes: number;
  readonly counters: Readonly<Record<string, number>>;
}

export interface BalanceOutput {
  /** Relative to the run folder. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface BalanceMeasure {
  /** The first run in the process: cold slot cache (cached variant), cold JIT. */
  readonly cold: BalanceRun;
  /** The measured runs that follow it. */
  readonly runs: readonly BalanceRun[];
  /** Median end-to-end time of `runs`. */
  readonly endToEndMs: number;
  /** The bare latest-value SQL query for the same tokens (median of as many runs), in the same process. */
  readonly referenceQueryMs: number;
  readonly referenceRows: number;
  readonly outputs: { readonly csv: BalanceOutput; readonly json: BalanceOutput; readonly sqlite: BalanceOutput };
  /** True when the CSV equals the generator's expected balances byte for byte; null for a user's database. */
  readonly matchesExpected: boolean | null;
  readonly peakRssBytes: number;
  /**
   * Over the measured runs, as in storage jobs; "ops" are balance rows
   * written (rows x runs), so growth is per 1,000 rows and allocation per row.
   */
  readonly runtime: RuntimeFigures;
}

/** A balance job's result and a balance run's results, with their measure typed. */
export type BalanceJobResult = JobResult<BalanceMeasure>;
export type BalanceRunResults = RunResults<BalanceMeasure>;
