/**
 * What analysis derives from a balance run: per variant across repeats, and
 * whether every variant wrote the same outputs. Computed by
 * balance-summarize.ts, rendered by harness/report/.
 */
import type { ReportModel } from '../../report/model.ts';
import type { BalanceMeasure } from './results.ts';
import type { BalanceStages } from './results.ts';
import type { FailedJob } from '../../core/failed-jobs.ts';
import type { RuntimeSummary, VariantProfile } from '../../stats/runtime.ts';
import type { Estimate, Speedup } from '../../stats/descriptive.ts';

export interface BalanceVariantSummary {
  readonly variant: string;
  readonly okJobs: number;
  readonly failedJobs: readonly FailedJob[];
  /** Planned timed repeats without a result: the run was stopped before them. */
  readonly notRunJobs: number;
  /** Per-job median end-to-end time, across repeats (warm runs; the cold run is below). */
  readonly endToEndMs: Estimate | null;
  /** naive's time / this variant's time (higher is faster), with a bootstrap interval. */
  readonly speedup: Speedup | null;
  /** Median per stage across repeats' median runs. */
  readonly stages: BalanceStages | null;
  /** The first, cold run of each job: end to end and its slot mapping. */
  readonly coldEndToEndMs: Estimate | null;
  readonly coldSlotMappingMs: Estimate | null;
  /** Pedersen hashes per second in the cold run's slot mapping (null when it hashed nothing). */
  readonly coldHashesPerSec: number | null;
  /** rowsScanned / (query + filter/decode time) of the median run. */
  readonly rowsScannedPerSec: number | null;
  readonly rows: number | null;
  readonly rowsScanned: number | null;
  readonly unmapped: number | null;
  /** endToEndMs.median / the run's reference query median. */
  readonly vsReference: number | null;
  /** Outputs of the first ok job (paths relative to the run folder). */
  readonly outputs: { readonly csv: string; readonly json: string; readonly sqlite: string } | null;
  /** True / false when every ok job's CSV did / did not equal the expected balances; null for a user's database. */
  readonly matchesExpected: boolean | null;
  readonly peakRssBytes: number | null;
  /** GC by kind, event loop, retained growth (per 1,000 balance rows), bytes per balance row; over the measured runs. */
  readonly runtime: RuntimeSummary | null;
}

export interface BalanceRunSummary {
  readonly variants: readonly BalanceVariantSummary[];
  readonly baselineVariant: string | null;
  /** The bare SQL query, across every ok job of the run. */
  readonly referenceQueryMs: Estimate | null;
  readonly referenceRows: number | null;
  /** True when every ok job wrote byte-identical CSV, JSON and SQLite outputs. */
  readonly outputsAgree: boolean;
  /** Which outputs differed, between which jobs. */
  readonly disagreements: readonly string[];
  /** --profile jobs; throughputVsTimed is the timed median time / the profiled job's time. */
  readonly profiles: readonly VariantProfile[];
}

/** What the balance subject's report sections receive. */
export type BalanceReportModel = ReportModel<BalanceRunSummary, BalanceMeasure>;
